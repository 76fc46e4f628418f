using System;
using System.IO;
using System.Linq;
using NUnit.Framework;
using Wasserforge.Training.Data;
using Wasserforge.Training.Loop;

namespace Wasserforge.Training.Tests
{
    /// <summary>
    /// What a run leaves in <c>results/&lt;id&gt;/</c> when it fails or is resumed (docs/reliability.md): a fresh
    /// run failing before its first step leaves nothing, so the retry needs no --force; one failing later keeps
    /// its folder and checkpoints; a resumed run's logs (metrics.csv, swd.csv) hold each step once.
    /// </summary>
    public class RunFolderTests
    {
        string _dir;
        [SetUp] public void Dir() => _dir = TestDirs.New();
        [TearDown] public void Clean() { if (Directory.Exists(_dir)) Directory.Delete(_dir, true); }

        string Results => Path.Combine(_dir, "results");
        string RunFolder(string id) => Path.Combine(Results, id);

        string Config(string body, string name = "config.yaml")
        {
            var path = Path.Combine(_dir, name);
            File.WriteAllText(path, body);
            return path;
        }

        TrainResult Train(string config, string id, bool resume = false, bool force = false, int? steps = null, string initFrom = null, string device = null) =>
            Trainer.Run(new TrainOptions { ConfigPath = config, RunId = id, ResultsRoot = Results, Resume = resume, Force = force, Steps = steps, InitFrom = initFrom, Device = device });

        const string Tiny = "data: { source: procedural, size: 16, count: 16 }\nmodel: { latent_dim: 8, width: 4, max_width: 8 }\n" +
                            "training: { steps: 2, batch_size: 8, log_every: 1, checkpoint_every: 1, threads: 1 }\n";

        static object[] SetupFailures =
        {
            new object[] { "data: { source: no-such-folder, size: 16 }\nmodel: { latent_dim: 8, width: 4, max_width: 8 }\n", null, typeof(DatasetException), "no-such-folder" },
            new object[] { "data: { source: procedural, size: 16 }\nmodel: { kind: mlp }\n", null, typeof(DatasetException), "mlp trains on 2-D toy sets" },
            new object[] { "data: { source: 8gaussians }\nmodel: { kind: dcgan }\n", null, typeof(DatasetException), "set model.kind to mlp" },
            new object[] { Tiny, "init-from", typeof(WasserforgeException), "--init-from" },
        };

        [TestCaseSource(nameof(SetupFailures))]
        public void ARunThatFailsBeforeItsFirstStepLeavesNoFolderAndTheRetryNeedsNoForce(string yaml, string variant, Type error, string mentions)
        {
            var initFrom = variant == "init-from" ? Path.Combine(_dir, "empty-run") : null;
            if (initFrom != null) Directory.CreateDirectory(Path.Combine(initFrom, "checkpoints"));   // a run folder with no checkpoint
            var e = Assert.Throws(error, () => Train(Config(yaml), "x", initFrom: initFrom));
            Assert.That(e.Message, Does.Contain(mentions));
            Assert.That(Directory.Exists(RunFolder("x")), Is.False, "no results/x left behind");
            Assert.That(Train(Config(Tiny), "x").Steps, Is.EqualTo(2), "the retry with a fixed config, without --force");
        }

        [Test]
        public void AMissingGpuLeavesNoFolder()
        {
            if (TorchSharp.torch.cuda.is_available()) Assert.Ignore("this machine has CUDA");
            Assert.Throws<ArgumentException>(() => Train(Config(Tiny), "gpu", device: "cuda:0"));
            Assert.That(Directory.Exists(RunFolder("gpu")), Is.False);
        }

        [Test]
        public void ForceWithABadOverrideKeepsTheOldRun()
        {
            var config = Config(Tiny);
            Train(config, "old");
            Assert.Throws<Config.ConfigException>(() => Train(config, "old", force: true, steps: 0));
            Assert.That(File.Exists(Path.Combine(RunFolder("old"), "old.onnx")), Is.True, "--force deletes nothing until the request is known to be good");
        }

        [Test]
        public void AFolderTheUserMadeKeepsItsOwnFiles()
        {
            Directory.CreateDirectory(RunFolder("mine"));
            File.WriteAllText(Path.Combine(RunFolder("mine"), "notes.txt"), "mine");
            Assert.Throws<DatasetException>(() => Train(Config("data: { source: no-such-folder }\n"), "mine"));
            Assert.That(Directory.GetFileSystemEntries(RunFolder("mine")).Select(Path.GetFileName), Is.EqualTo(new[] { "notes.txt" }));
        }

        /// <summary>Throws at a step, as writing progress to a closed pipe does (<c>wasserforge train … | head</c>).</summary>
        sealed class BrokenPipeAt : ITrainingObserver
        {
            readonly long _step;
            public BrokenPipeAt(long step) { _step = step; }
            public void Started(string runId, string device, string dataset, long startStep, long totalSteps) { }
            public void Progress(in MetricsRow row, long totalSteps) { if (row.Step == _step) throw new IOException("Broken pipe"); }
            public void Note(string message) { }
        }

        [Test]
        public void ARunThatFailsAfterTrainingStartedKeepsItsFolderAndCheckpoints()
        {
            var config = Config(Tiny.Replace("steps: 2", "steps: 6"));
            Assert.Throws<IOException>(() => Trainer.Run(new TrainOptions { ConfigPath = config, RunId = "piped", ResultsRoot = Results, Observer = new BrokenPipeAt(3) }));
            var run = new RunDirectory(RunFolder("piped"));
            Assert.That(run.Exists, Is.True, "the folder stays once a step has run");
            Assert.That(Path.GetFileName(run.LatestCheckpoint()), Is.EqualTo("step_000002"));
            Assert.That(Train(config, "piped", resume: true).Steps, Is.EqualTo(6), "and --resume continues it");
        }

        [Test]
        public void ARunThatDivergesInItsFirstStepSaysNothingWasKept()
        {
            // 100 critic steps at a learning rate of 1e30 (wgan-clip's warm-up) turn the first step's losses into NaN.
            var config = Config("data: { source: procedural, size: 16, count: 16 }\nmodel: { latent_dim: 8, width: 4, max_width: 8 }\n" +
                                "loss: { kind: wgan-clip, clip: 1.0e30 }\noptimizer: { kind: sgd, lr: 1.0e30 }\n" +
                                "training: { steps: 50, batch_size: 8, checkpoint_every: 1, log_every: 1, threads: 1 }\n");
            var e = Assert.Throws<TrainingDivergedException>(() => Train(config, "nan"));
            Assert.That(e.Message, Does.Contain("training diverged at step 1").And.Contain("nothing was kept").And.Contain("lower optimizer.lr"));
            Assert.That(Directory.Exists(RunFolder("nan")), Is.False);
        }

        [Test]
        public void AResumedRunLogsEachStepOnceInSwdAndMetrics()
        {
            // Held-out images (16 of 64) make the run write swd.csv at every sample step.
            var config = Config("data: { source: procedural, size: 16, count: 64, hold_out: 0.25 }\nmodel: { latent_dim: 8, width: 4, max_width: 8 }\n" +
                                "training: { steps: 4, batch_size: 8, sample_every: 1, checkpoint_every: 2, log_every: 1, seed: 4, threads: 1 }\n");
            var straight = Train(config, "straight");
            Assert.That(File.ReadAllLines(straight.Run.SwdPath).Skip(1).Select(l => l.Split(',')[0]), Is.EqualTo(new[] { "1", "2", "3", "4" }));

            // A run killed after step 3's rows were written but before a checkpoint newer than step 2 was complete.
            Train(config, "killed", steps: 3);
            var killed = new RunDirectory(RunFolder("killed"));
            Directory.Delete(killed.CheckpointPath(3), true);
            File.Delete(killed.OnnxPath);
            Assert.That(File.ReadAllLines(killed.SwdPath).Last(), Does.StartWith("3,"), "the kill left step 3's row behind");

            var resumed = Train(config, "killed", resume: true);
            Assert.That(File.ReadAllText(resumed.Run.SwdPath), Is.EqualTo(File.ReadAllText(straight.Run.SwdPath)), "swd.csv: steps 1..4 once, with the straight run's values");
            string Losses(string path) => string.Join("\n", File.ReadAllLines(path).Select(l => string.Join(",", l.Split(',').Take(5))));
            Assert.That(Losses(resumed.Run.MetricsPath), Is.EqualTo(Losses(straight.Run.MetricsPath)));
        }
    }
}
