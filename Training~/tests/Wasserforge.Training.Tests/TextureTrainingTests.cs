using System;
using System.IO;
using System.Linq;
using NUnit.Framework;
using Wasserforge.Latent;
using Wasserforge.Training.Loop;

namespace Wasserforge.Training.Tests
{
    /// <summary>Training a <c>kind: texture</c> model: the run's files, SWD on crops, resume, init-from, WGAN clipping, and the exported model in the runtime.</summary>
    public class TextureTrainingTests
    {
        string _dir;
        [SetUp] public void Dir() => _dir = TestDirs.New("wf-textrain-");
        [TearDown] public void Clean() { if (Directory.Exists(_dir)) Directory.Delete(_dir, true); }

        // 180 procedural images of 32 px: 18 held out (enough for SWD), 16-px crops that wrap around.
        const string Tiny = @"
data: { source: procedural, size: 32, channels: 3, count: 180, crop_size: 16, crop_wrap: true, flip: true, rotate90: true }
model: { kind: texture, latent_dim: 6, noise_channels: 3, width: 4, max_width: 8 }
loss: { kind: wgan-gp, n_critic: 1 }
optimizer: { lr_generator: 0.0001, lr_critic: 0.0004 }
training: { steps: 6, batch_size: 8, sample_every: 3, checkpoint_every: 3, log_every: 1, seed: 4, threads: 1 }
";

        string Config(string body, string name = "config.yaml")
        {
            var path = Path.Combine(_dir, name);
            File.WriteAllText(path, body);
            return path;
        }

        TrainResult Train(string config, string id, bool resume = false, int? steps = null, string initFrom = null, ITrainingObserver observer = null) =>
            Trainer.Run(new TrainOptions
            {
                ConfigPath = config, RunId = id, ResultsRoot = Path.Combine(_dir, "results"), Resume = resume, Steps = steps,
                InitFrom = initFrom, Observer = observer ?? NullObserver.Instance,
            });

        [Test]
        public void ARunWritesCropSizedSamplesAndSwdAgainstHeldOutCropsAndExportsATextureModel()
        {
            var notes = new RecordingObserver();
            var result = Train(Config(Tiny), "tiny", observer: notes);
            var run = result.Run;
            Assert.That(notes.Dataset, Does.Contain("random 16 px crops wrapping around the edges"));
            Assert.That(File.Exists(run.SamplePath(3)) && File.Exists(run.SamplePath(6)), Is.True);
            var (w, h) = PngSize(run.SamplePath(6));
            Assert.That((w, h), Is.EqualTo((8 * 17 + 1, 8 * 17 + 1)), "an 8 x 8 grid of 16-px crops with 1-px gaps");
            var swd = File.ReadAllLines(run.SwdPath);
            Assert.That(swd[0], Is.EqualTo("step,swd_16px,swd_average,against"), "SWD at the crop size, against crops of the held-out images");
            Assert.That(swd.Skip(1).Select(l => l.Split(',')[0] + " " + l.Split(',')[3]), Is.EqualTo(new[] { "3 held-out", "6 held-out" }));
            Assert.That(notes.Lines.Any(l => l.Contains("vs 18 held-out images")), Is.True);

            using var model = GeneratorModel.Load(result.OnnxPath);
            Assert.That(model.IsTexture, Is.True);
            Assert.That((model.LatentDim, model.Width, model.Height, model.NoiseScale), Is.EqualTo((6, 16, 16, 8)));
            Assert.That((model.Description.NoiseChannels, model.Description.NoiseHalo, model.Description.Tileable, model.Description.Steps), Is.EqualTo((3, 2, true, 6L)));
            var rgba = new byte[40 * 24 * 4];
            model.GenerateTextureRgba32(LatentSampler.Sample(1, 6), 1, 40, 24, rgba);
            Assert.That(rgba.Distinct().Count(), Is.GreaterThan(10));
        }

        [Test]
        public void ASetTooSmallToHoldOutMeasuresCropsOfTheTrainingImagesAndSaysSo()
        {
            var notes = new RecordingObserver();
            var result = Train(Config(Tiny.Replace("count: 180", "count: 40")), "small", observer: notes);
            var swd = File.ReadAllLines(result.Run.SwdPath);
            Assert.That(swd[0], Is.EqualTo("step,swd_16px,swd_average,against"));
            Assert.That(swd.Skip(1).Select(l => l.Split(',')[3]), Is.EqualTo(new[] { "training", "training" }));
            Assert.That(notes.Lines.Any(l => l.Contains("measures SWD against the training images")), Is.True);
        }

        [TestCase(false)]
        [TestCase(true)]
        public void ResumingGivesTheSameModelAsTrainingStraightThrough(bool average)
        {
            var config = Config(average ? Tiny.Replace("training: { ", "training: { ema: 0.9, ") : Tiny);
            var straight = Train(config, "straight");
            Train(config, "split", steps: 3);
            var resumed = Train(config, "split", resume: true);
            Assert.That(resumed.Steps, Is.EqualTo(6));
            Assert.That(File.ReadAllBytes(resumed.OnnxPath), Is.EqualTo(File.ReadAllBytes(straight.OnnxPath)));
            var a = File.ReadAllLines(straight.Run.MetricsPath).Select(l => string.Join(",", l.Split(',').Take(5)));
            var b = File.ReadAllLines(resumed.Run.MetricsPath).Select(l => string.Join(",", l.Split(',').Take(5)));
            Assert.That(b, Is.EqualTo(a));
            Assert.That(File.ReadAllLines(resumed.Run.SwdPath), Is.EqualTo(File.ReadAllLines(straight.Run.SwdPath)));
            using var model = GeneratorModel.Load(resumed.OnnxPath);
            Assert.That(model.IsTexture, Is.True, average ? "the exported weight average is a texture model" : "a texture model");
        }

        [Test]
        public void InitFromStartsFromTheOtherRunsWeights()
        {
            var source = Train(Config(Tiny), "source");
            // A learning rate of 1e-30 leaves the weights as they are (below float precision); batch-norm statistics still move,
            // so the comparison is of the generator in training mode: samples of another seed would differ far more.
            var still = Tiny.Replace("optimizer: { lr_generator: 0.0001, lr_critic: 0.0004 }", "optimizer: { lr: 1.0e-30 }").Replace("seed: 4", "seed: 9").Replace("steps: 6", "steps: 1");
            var tuned = Train(Config(still, "still.yaml"), "tuned", initFrom: source.Run.Root);
            var fresh = Train(Config(still, "still.yaml"), "fresh");
            var z = LatentSampler.Sample(3, 6);
            float[] Make(TrainResult r)
            {
                using var m = GeneratorModel.Load(r.OnnxPath);
                var o = new float[3 * 16 * 16];
                m.GenerateTexture(z, 5, 16, 16, o);
                return o;
            }
            var pa = Make(source);
            var pb = Make(tuned);
            var pc = Make(fresh);
            double Mad(float[] x, float[] y) => x.Zip(y, (u, v) => Math.Abs(u - v)).Average();
            Assert.That(Mad(pa, pb), Is.LessThan(Mad(pa, pc) / 4), "the init-from run is near its source; a fresh run of the same seed is not");
        }

        [Test]
        public void WganWithWeightClippingTrainsTheTextureModel()
        {
            var clip = Tiny.Replace("loss: { kind: wgan-gp, n_critic: 1 }", "loss: { kind: wgan-clip, boost_warmup: 0, boost_every: 0 }")
                .Replace("optimizer: { lr_generator: 0.0001, lr_critic: 0.0004 }", "");
            var result = Train(Config(clip), "clip");
            Assert.That(result.Steps, Is.EqualTo(6));
            var resolved = File.ReadAllText(result.Run.ConfigPath);
            Assert.That(resolved, Does.Contain("critic_norm: none"), "the patch critic has no norm unless the config names one");
            using var model = GeneratorModel.Load(result.OnnxPath);
            Assert.That(model.IsTexture, Is.True);
        }

        static (int w, int h) PngSize(string path)
        {
            var b = File.ReadAllBytes(path);
            int Be(int o) => (b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3];
            return (Be(16), Be(20));
        }
    }
}
