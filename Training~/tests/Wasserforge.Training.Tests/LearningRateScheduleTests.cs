using System.IO;
using System.Linq;
using NUnit.Framework;
using TorchSharp;
using TorchSharp.Modules;
using Wasserforge.Training.Config;
using Wasserforge.Training.Engine;
using Wasserforge.Training.Loop;
using static TorchSharp.torch;

namespace Wasserforge.Training.Tests
{
    /// <summary><c>optimizer.lr_decay</c>: the rate per step, that TorchSharp's optimizer takes it, and the trainer's use of it.</summary>
    public class LearningRateScheduleTests
    {
        string _dir;
        [SetUp] public void Dir() => _dir = TestDirs.New("wf-lr-");
        [TearDown] public void Clean() { if (Directory.Exists(_dir)) Directory.Delete(_dir, true); }

        [TestCase("none", 0, 1e-3)]
        [TestCase("none", 999, 1e-3)]
        [TestCase("linear", 0, 1e-3)]
        [TestCase("linear", 500, 5e-4)]
        [TestCase("linear", 999, 1e-6)]
        [TestCase("linear", 1000, 0.0)]
        [TestCase("linear", 5000, 0.0)]
        public void TheRateFallsLinearlyToZeroOverTheRun(string decay, long step, double expected) =>
            Assert.That(LearningRateSchedule.RateAt(decay, 1e-3, step, 1000), Is.EqualTo(expected).Within(1e-15));

        [Test]
        public void AnUnknownScheduleIsRefused() =>
            Assert.That(() => LearningRateSchedule.RateAt("cosine", 1e-3, 0, 10), Throws.ArgumentException.With.Message.Contains("cosine"));

        [Test]
        public void TheOptimizerStepsWithTheAppliedRate()
        {
            // SGD moves a parameter by rate · gradient; the gradient of sum(3p) is 3.
            using var p = new Parameter(zeros(2, dtype: float64));
            using var sgd = optim.SGD(new[] { p }, 0.1);
            double Step()
            {
                var before = p.data<double>()[0];
                sgd.zero_grad();
                using (var s = new ScalarScope())
                using (var loss = p.mul(s.Of(3.0)).sum()) loss.backward();
                sgd.step();
                return before - p.data<double>()[0];
            }
            Assert.That(Step(), Is.EqualTo(0.3).Within(1e-12));
            LearningRateSchedule.Apply(sgd, 0.025);
            Assert.That(Step(), Is.EqualTo(0.075).Within(1e-12));
        }

        [Test]
        public void TheConfigKeyDefaultsToNoneAndRefusesOtherNames()
        {
            var path = Path.Combine(_dir, "c.yaml");
            File.WriteAllText(path, "optimizer: { kind: adam }\n");
            Assert.That(ConfigLoader.Load(path).Optimizer.LrDecay, Is.EqualTo("none"));
            File.WriteAllText(path, "optimizer: { lr_decay: cosine }\n");
            var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path));
            Assert.That(e.Message, Does.Contain("optimizer.lr_decay").And.Contain("cosine").And.Contain("linear"));
        }

        [Test]
        public void TheTrainerDecaysBothNetworksAndAResumedRunContinuesTheSchedule()
        {
            const string body = "data: { source: procedural, size: 16, count: 16 }\nmodel: { latent_dim: 8, width: 4, max_width: 8 }\n" +
                                "training: { steps: 4, batch_size: 8, log_every: 1, checkpoint_every: 2, threads: 1 }\n";
            string Config(string name, string extra)
            {
                var path = Path.Combine(_dir, name + ".yaml");
                File.WriteAllText(path, body + extra);
                return path;
            }
            var results = Path.Combine(_dir, "results");
            TrainResult Train(string config, string id, bool resume = false, int? steps = null) =>
                Trainer.Run(new TrainOptions { ConfigPath = config, RunId = id, ResultsRoot = results, Resume = resume, Steps = steps });
            // Losses per logged step (step, Wasserstein, critic, penalty, generator).
            string[] Losses(TrainResult r) => File.ReadAllLines(r.Run.MetricsPath).Skip(1).Select(l => string.Join(",", l.Split(',').Take(5))).ToArray();

            var constant = Losses(Train(Config("constant", "optimizer: { lr_decay: none }\n"), "constant"));
            var decayed = Config("decayed", "optimizer: { lr_decay: linear }\n");
            var straight = Losses(Train(decayed, "straight"));
            Assert.That(straight[0], Is.EqualTo(constant[0]), "step 1 runs at the full rate");
            Assert.That(straight[2], Is.Not.EqualTo(constant[2]), "later steps run at lower rates");

            // Stopped after the step-2 checkpoint (the step count is the config's, so the schedule is the same), then resumed.
            var first = Train(decayed, "resumed");
            Directory.Delete(first.Run.CheckpointPath(4), true);
            File.Delete(first.Run.OnnxPath);
            var resumed = Losses(Train(decayed, "resumed", resume: true));
            Assert.That(resumed, Is.EqualTo(straight), "the resumed run takes the straight run's rates at steps 3 and 4");
        }
    }
}
