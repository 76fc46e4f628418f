using System;
using System.IO;
using NUnit.Framework;
using Wasserforge.Latent;
using Wasserforge.Training.Loop;

namespace Wasserforge.Training.Tests
{
    /// <summary>
    /// End to end: a tiny texture model trained for a few steps on 32-px crops, exported, loaded through the runtime's
    /// <see cref="GeneratorModel"/>, makes 256 x 256 and 1024 x 1024 textures whose wrap-around seam is no rougher than the
    /// interior: the mean absolute difference across the wrap edge (last column to first, last row to first) is no larger
    /// than across the roughest interior line at the same position within the 8-px noise cell (the wrap edge is a cell
    /// boundary; on the torus it is statistically one of them, so "no larger than their mean" would fail half the time by
    /// chance), and no larger than 1.1 times the mean over all interior neighbours. A generator that did not wrap (zero
    /// padding, a crop's edge) joins unrelated pixels there and fails both.
    /// </summary>
    public class TextureSeamTests
    {
        string _dir;
        [SetUp] public void Dir() => _dir = TestDirs.New("wf-texseam-");
        [TearDown] public void Clean() { if (Directory.Exists(_dir)) Directory.Delete(_dir, true); }

        const string Config = @"
data: { source: procedural, size: 32, channels: 3, count: 64, crop_size: 32, crop_wrap: true, flip: true, rotate90: true, hold_out: 0 }
model: { kind: texture, latent_dim: 8, noise_channels: 4, width: 4, max_width: 16 }
loss: { kind: wgan-gp, n_critic: 1 }
optimizer: { lr_generator: 0.001, lr_critic: 0.002 }
training: { steps: 20, batch_size: 8, sample_every: 20, checkpoint_every: 20, log_every: 5, seed: 2, threads: 1 }
";

        /// <summary>
        /// Mean absolute difference (in [0, 1] units of the value range) across the wrap edges (last column to first and last row
        /// to first, together); the largest such mean over the interior lines at the same cell phase (between column x and x + 1,
        /// or row y and y + 1, with x, y = scale − 1 mod scale); and the mean over all interior neighbours.
        /// </summary>
        internal static (double wrap, double worstSamePhase, double interior) Seams(float[] chw, int channels, int width, int height, int scale)
        {
            double Line(bool vertical, int at)   // mean |difference| across the line after column (row) `at`, wrapping
            {
                double sum = 0;
                var n = vertical ? height : width;
                for (var c = 0; c < channels; c++)
                    for (var i = 0; i < n; i++)
                        sum += vertical
                            ? Math.Abs(chw[(c * height + i) * width + at] - chw[(c * height + i) * width + (at + 1) % width])
                            : Math.Abs(chw[(c * height + at) * width + i] - chw[(c * height + (at + 1) % height) * width + i]);
                return sum / (channels * n) / 2;
            }
            var wrap = (Line(true, width - 1) + Line(false, height - 1)) / 2;
            double worst = 0, all = 0;
            var lines = 0;
            for (var at = 0; at < width - 1; at++) { var v = Line(true, at); all += v; lines++; if (at % scale == scale - 1) worst = Math.Max(worst, v); }
            for (var at = 0; at < height - 1; at++) { var v = Line(false, at); all += v; lines++; if (at % scale == scale - 1) worst = Math.Max(worst, v); }
            return (wrap, worst, all / lines);
        }

        [Test]
        public void A256And1024TextureFromOneModelTileWithoutASeam()
        {
            var path = Path.Combine(_dir, "config.yaml");
            File.WriteAllText(path, Config);
            var result = Trainer.Run(new TrainOptions { ConfigPath = path, RunId = "seam", ResultsRoot = Path.Combine(_dir, "results"), Observer = NullObserver.Instance });
            using var model = GeneratorModel.Load(result.OnnxPath);
            Assert.That((model.IsTexture, model.Width), Is.EqualTo((true, 32)), "trained on 32-px crops");
            var z = LatentSampler.Sample(7, model.LatentDim);
            float[] big = null;
            foreach (var size in new[] { 1024, 256 })
            {
                var image = new float[3 * size * size];
                model.GenerateTexture(z, 11, size, size, image);
                big ??= image;
                var (wrap, worstSamePhase, interior) = Seams(image, 3, size, size, model.NoiseScale);
                TestContext.Out.WriteLine($"{size}: wrap {wrap:F5}, roughest interior cell boundary {worstSamePhase:F5}, all interior {interior:F5}");
                Assert.That(interior, Is.GreaterThan(1e-3), "the texture is not flat");
                Assert.That(wrap, Is.LessThanOrEqualTo(worstSamePhase), $"{size} px: the wrap edge is no rougher than the interior cell boundaries");
                Assert.That(wrap, Is.LessThanOrEqualTo(1.1 * interior), $"{size} px: the wrap edge is no rougher than the interior");
            }
            // The control: the top-left 256 px of the 1024 texture do not tile at 256, and the check sees it.
            var crop = new float[3 * 256 * 256];
            for (var c = 0; c < 3; c++)
                for (var y = 0; y < 256; y++) Array.Copy(big, (c * 1024 + y) * 1024, crop, (c * 256 + y) * 256, 256);
            var control = Seams(crop, 3, 256, 256, model.NoiseScale);
            TestContext.Out.WriteLine($"control: wrap {control.wrap:F5}, roughest interior cell boundary {control.worstSamePhase:F5}, all interior {control.interior:F5}");
            Assert.That(control.wrap, Is.GreaterThan(1.1 * control.interior).And.GreaterThan(control.worstSamePhase), "a window that does not tile fails the check");
        }
    }
}
