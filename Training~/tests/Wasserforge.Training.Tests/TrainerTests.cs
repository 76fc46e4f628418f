using System;
using System.IO;
using System.Linq;
using NUnit.Framework;
using Wasserforge.Training.Config;
using Wasserforge.Training.Loop;

namespace Wasserforge.Training.Tests
{
    public class TrainerTests
    {
        string _dir;
        [SetUp] public void Dir() => _dir = TestDirs.New();
        [TearDown] public void Clean() { if (Directory.Exists(_dir)) Directory.Delete(_dir, true); }

        string Config(string body)
        {
            var path = Path.Combine(_dir, "config.yaml");
            File.WriteAllText(path, body);
            return path;
        }

        const string Tiny = @"
data: { source: procedural, size: 16, channels: 3, count: 32, flip: true, rotate90: true }
model: { kind: dcgan, latent_dim: 8, width: 4, max_width: 8 }
loss: { kind: wgan-gp }
training: { steps: 6, batch_size: 8, sample_every: 3, checkpoint_every: 3, log_every: 1, seed: 3 }
";

        TrainResult Train(string config, string id, bool resume = false, bool force = false, int? steps = null) =>
            Trainer.Run(new TrainOptions { ConfigPath = config, RunId = id, ResultsRoot = Path.Combine(_dir, "results"), Resume = resume, Force = force, Steps = steps });

        [Test]
        public void ARunWritesEverythingAndTheExportLoadsInTheRuntime()
        {
            var result = Train(Config(Tiny), "tiny");
            var run = result.Run;
            Assert.That(result.Steps, Is.EqualTo(6));
            Assert.That(File.Exists(run.ConfigPath), Is.True);
            var rows = File.ReadAllLines(run.MetricsPath);
            Assert.That(rows[0], Is.EqualTo(MetricsLog.Header));
            Assert.That(rows.Length, Is.EqualTo(7));
            Assert.That(rows.Skip(1).Select(r => r.Split(',')[0]), Is.EqualTo(new[] { "1", "2", "3", "4", "5", "6" }));
            Assert.That(File.Exists(run.SamplePath(3)) && File.Exists(run.SamplePath(6)), Is.True);
            Assert.That(Directory.Exists(run.CheckpointPath(6)), Is.True);
            using var model = GeneratorModel.Load(result.OnnxPath);
            Assert.That(model.Width, Is.EqualTo(16));
            Assert.That(model.Description.Loss, Is.EqualTo("wgan-gp"));
            Assert.That(model.Description.Steps, Is.EqualTo(6));
            var rgba = new byte[16 * 16 * 4];
            model.GenerateRgba32(Wasserforge.Latent.LatentSampler.Sample(1, 8), 1, rgba);
            Assert.That(rgba.Distinct().Count(), Is.GreaterThan(10));
        }

        [Test]
        public void ResumingGivesTheSameModelAsTrainingStraightThrough()
        {
            var config = Config(Tiny);
            var straight = Train(config, "straight");
            Train(config, "split", steps: 3);
            var resumed = Train(config, "split", resume: true);
            Assert.That(resumed.Steps, Is.EqualTo(6));
            Assert.That(File.ReadAllBytes(resumed.OnnxPath), Is.EqualTo(File.ReadAllBytes(straight.OnnxPath)));
            var a = File.ReadAllLines(straight.Run.MetricsPath).Select(l => string.Join(",", l.Split(',').Take(5)));
            var b = File.ReadAllLines(resumed.Run.MetricsPath).Select(l => string.Join(",", l.Split(',').Take(5)));
            Assert.That(b, Is.EqualTo(a));
        }

        [Test]
        public void ExistingRunNeedsResumeOrForce()
        {
            var config = Config(Tiny);
            Train(config, "x", steps: 1);
            var e = Assert.Throws<WasserforgeException>(() => Train(config, "x"));
            Assert.That(e.Message, Does.Contain("--resume").And.Contain("--force"));
            Assert.That(Train(config, "x", force: true, steps: 2).Steps, Is.EqualTo(2));
            Assert.Throws<WasserforgeException>(() => Train(config, "never-ran", resume: true));
        }

        [Test]
        public void DivergenceStopsWithAnExplanationAndKeepsTheLastCheckpoint()
        {
            var config = Config(@"
data: { source: procedural, size: 16, channels: 3, count: 16 }
model: { kind: dcgan, latent_dim: 8, width: 4, max_width: 8 }
loss: { kind: wgan-clip, clip: 1.0e30 }
optimizer: { kind: sgd, lr: 1.0e30 }
training: { steps: 50, batch_size: 8, checkpoint_every: 1, log_every: 1 }
");
            var e = Assert.Throws<TrainingDivergedException>(() => Train(config, "nan"));
            Assert.That(e.Message, Does.Contain("diverged").And.Contain("checkpoint"));
            var run = new RunDirectory(Path.Combine(_dir, "results", "nan"));
            Assert.That(File.Exists(run.OnnxPath), Is.False);
        }

        [TestCase("loss: { kind: wgan }", "loss.kind")]
        [TestCase("model: { kind: dcgan, critic_norm: batch }", "model.critic_norm")]
        [TestCase("data: { size: 48 }", "data.size")]
        [TestCase("training: { batch_szie: 3 }", "unknown key 'batch_szie'")]
        [TestCase("data: [1, 2", "config.yaml")]
        public void ConfigErrorsNameTheKey(string yaml, string mentions)
        {
            var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Config(yaml)));
            Assert.That(e.Message, Does.Contain(mentions));
            Assert.That(e.Message, Does.StartWith(Path.Combine(_dir, "config.yaml")));
        }

        [Test]
        public void LossDefaultsArePublishedOnes()
        {
            var gp = ConfigLoader.Load(Config("loss: { kind: wgan-gp }"));
            Assert.That((gp.Loss.NCritic, gp.Loss.GpLambda, gp.Optimizer.Kind, gp.Optimizer.Lr, gp.Optimizer.Beta1, gp.Optimizer.Beta2, gp.Model.CriticNorm),
                Is.EqualTo((5, 10.0, "adam", 1e-4, 0.0, 0.9, "layer")));
            var clip = ConfigLoader.Load(Config("loss: { kind: wgan-clip }"));
            Assert.That((clip.Loss.NCritic, clip.Loss.Clip, clip.Optimizer.Kind, clip.Optimizer.Lr, clip.Loss.BoostCriticSteps, clip.Loss.BoostWarmup, clip.Loss.BoostEvery),
                Is.EqualTo((5, 0.01, "rmsprop", 5e-5, 100, 25, 500)));
            var over = ConfigLoader.Load(Config("loss: { kind: wgan-gp, gp_lambda: 3 }\noptimizer: { lr: 0.5 }"));
            Assert.That((over.Loss.GpLambda, over.Optimizer.Lr, over.Optimizer.LrCritic), Is.EqualTo((3.0, 0.5, 0.5)));
        }
    }
}
