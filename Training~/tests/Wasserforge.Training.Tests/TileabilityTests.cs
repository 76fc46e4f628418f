using System;
using System.IO;
using NUnit.Framework;
using System.Linq;
using TorchSharp;
using Wasserforge.Latent;
using Wasserforge.Training.Config;
using Wasserforge.Training.Models;
using Wasserforge.Training.Loop;
using static TorchSharp.torch;

namespace Wasserforge.Training.Tests
{
    public class TileabilityTests
    {
        /// <summary>
        /// Mean absolute colour jump across the wrap-around seams vs between interior neighbours at the same
        /// phase (index ≡ size − 1 mod 8), over both axes. Phase matters: nearest upsampling makes block
        /// boundaries at every other pixel, so only same-phase pairs are comparable.
        /// </summary>
        static (double seam, double interior) Jumps(float[] nchw, int n, int c, int s)
        {
            double seam = 0, interior = 0;
            long seamCount = 0, interiorCount = 0;
            for (var i = 0; i < n * c; i++)
            {
                var p = i * s * s;
                for (var y = 0; y < s; y++)
                    for (var x = 0; x < s; x++)
                    {
                        var v = nchw[p + y * s + x];
                        var right = nchw[p + y * s + (x + 1) % s];
                        var down = nchw[p + ((y + 1) % s) * s + x];
                        if (x == s - 1) { seam += Math.Abs(right - v); seamCount++; } else if (x % 8 == 7) { interior += Math.Abs(right - v); interiorCount++; }
                        if (y == s - 1) { seam += Math.Abs(down - v); seamCount++; } else if (y % 8 == 7) { interior += Math.Abs(down - v); interiorCount++; }
                    }
            }
            return (seam / seamCount, interior / interiorCount);
        }

        [Test]
        public void TileableGeneratorHasNoVisibleSeam()
        {
            var dir = TestDirs.New();
            try
            {
                var config = Path.Combine(dir, "tile.yaml");
                File.WriteAllText(config, "data: { source: procedural, size: 16, count: 64 }\nmodel: { kind: dcgan, latent_dim: 16, width: 8, max_width: 16, tileable: true }\n" +
                                          "training: { steps: 20, batch_size: 16, sample_every: 100, checkpoint_every: 100, log_every: 10 }\n");
                var result = Trainer.Run(new TrainOptions { ConfigPath = config, RunId = "t", ResultsRoot = Path.Combine(dir, "r") });
                using var model = GeneratorModel.Load(result.OnnxPath);
                Assert.That(model.Description.Tileable, Is.True);
                const int n = 64;
                var z = new float[n * model.LatentDim];
                var seeds = new ulong[n];
                for (var i = 0; i < n; i++) seeds[i] = (ulong)(i + 100);
                LatentSampler.SampleBatch(seeds, model.LatentDim, z);
                var output = new float[n * model.ValuesPerSample];
                model.Generate(z, n, output);
                var (seam, interior) = Jumps(output, n, 3, 16);
                Assert.That(interior, Is.GreaterThan(1e-3), "the generator makes structure, not flat colour");
                Assert.That(seam, Is.LessThanOrEqualTo(interior * 1.15), $"seam {seam:F4} vs interior {interior:F4}");
            }
            finally { Directory.Delete(dir, true); }
        }
    

        static Tensor Roll(Tensor x, long shift, int dim)
        {
            var n = x.size(dim);
            return cat(new[] { x.narrow(dim, n - shift, shift), x.narrow(dim, 0, n - shift) }, dim);
        }

        /// <summary>
        /// Exact structural check: with circular padding everywhere, rolling the 4×4 stem features by one cell
        /// rolls the image by size/4 pixels — the wrap-around edge is computed exactly like an interior one.
        /// A zero-padded (non-tileable) generator breaks this, so the test can tell them apart.
        /// </summary>
        [TestCase(true)]
        [TestCase(false)]
        public void RollingTheStemRollsTheImage(bool tileable)
        {
            manual_seed(4);
            var c = new TrainConfig();
            c.Data.Size = 32; c.Model.LatentDim = 16; c.Model.Width = 8; c.Model.MaxWidth = 16; c.Model.Tileable = tileable;
            ConfigDefaults.Apply(c);
            using var models = ModelFactory.Create(c, 3);
            var g = models.Generator;
            g.eval();
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            using var noise = new Generator(2);
            var h = randn(new long[] { 4, 16 }, generator: noise);
            for (var i = 0; i < 4; i++) h = g[i].call(h);   // Linear, BatchNorm, ReLU, Unflatten → [N, C, 4, 4]
            Tensor Rest(Tensor x) { for (var i = 4; i < g.Count; i++) x = g[i].call(x); return x; }
            var y = Rest(h);
            var rolled = Rest(Roll(Roll(h, 1, 3), 1, 2));
            var expected = Roll(Roll(y, 8, 3), 8, 2);
            var maxDiff = (rolled - expected).abs().max().item<float>();
            if (tileable) Assert.That(maxDiff, Is.LessThan(1e-5), "tileable generator is circularly equivariant");
            else Assert.That(maxDiff, Is.GreaterThan(1e-3), "a zero-padded generator is not");
        }
    }
}
