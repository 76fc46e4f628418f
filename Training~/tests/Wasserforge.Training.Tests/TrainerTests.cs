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

        TrainResult Train(string config, string id, bool resume = false, bool force = false, int? steps = null, string initFrom = null, ITrainingObserver observer = null, System.Threading.CancellationToken cancel = default) =>
            Trainer.Run(new TrainOptions
            {
                ConfigPath = config, RunId = id, ResultsRoot = Path.Combine(_dir, "results"), Resume = resume, Force = force, Steps = steps,
                InitFrom = initFrom, Observer = observer ?? NullObserver.Instance, Cancellation = cancel,
            });

        /// <summary>Cancels its token when the run has logged <paramref name="step"/> (what Ctrl-C does in the CLI).</summary>
        sealed class CancelAt : ITrainingObserver
        {
            readonly long _step;
            public readonly System.Threading.CancellationTokenSource Source = new System.Threading.CancellationTokenSource();
            public CancelAt(long step) { _step = step; }
            public void Started(string runId, string device, string dataset, long startStep, long totalSteps) { }
            public void Progress(in MetricsRow row, long totalSteps) { if (row.Step == _step) Source.Cancel(); }
            public void Note(string message) { }
        }

        [Test]
        public void CancellingSavesACheckpointAndResumingEndsWhereAStraightRunEnds()
        {
            var config = Config(Tiny.Replace("checkpoint_every: 3", "checkpoint_every: 100"));
            var straight = Train(config, "straight");
            var stopper = new CancelAt(4);
            var stopped = Train(config, "stopped", observer: stopper, cancel: stopper.Source.Token);
            Assert.That((stopped.Cancelled, stopped.Steps, stopped.OnnxPath), Is.EqualTo((true, 4L, (string)null)));
            Assert.That(Path.GetFileName(stopped.Run.LatestCheckpoint()), Is.EqualTo("step_000004"), "Ctrl-C wrote a checkpoint at the step it stopped");
            var resumed = Train(config, "stopped", resume: true);
            Assert.That(File.ReadAllBytes(resumed.OnnxPath), Is.EqualTo(File.ReadAllBytes(straight.OnnxPath)));
        }

        [Test]
        public void WithAWeightAverageResumingEndsBitEqualAndTheAverageIsWhatShips()
        {
            var config = Config(Tiny.Replace("checkpoint_every: 3", "checkpoint_every: 100").Replace("seed: 3 }", "seed: 3, ema: 0.9 }"));
            var straight = Train(config, "straight");
            var stopper = new CancelAt(4);
            Train(config, "stopped", observer: stopper, cancel: stopper.Source.Token);
            var resumed = Train(config, "stopped", resume: true);
            Assert.That(File.ReadAllBytes(resumed.OnnxPath), Is.EqualTo(File.ReadAllBytes(straight.OnnxPath)), "the average is checkpointed and resumed exactly");

            var average = Path.Combine(_dir, "average.onnx");
            var raw = Path.Combine(_dir, "raw.onnx");
            Wasserforge.Training.Export.RunExporter.Export(straight.Run.Root, average, rawWeights: false, out var exported);
            Wasserforge.Training.Export.RunExporter.Export(straight.Run.Root, raw, rawWeights: true, out var exportedRaw);
            Assert.That(exported, Does.Contain("weight average"));
            Assert.That(exportedRaw, Does.Contain("trained weights"));
            Assert.That(File.ReadAllBytes(average), Is.EqualTo(File.ReadAllBytes(straight.OnnxPath)), "training ends by exporting the average");
            Assert.That(File.ReadAllBytes(raw), Is.Not.EqualTo(File.ReadAllBytes(average)), "--raw-weights exports the trained weights, which differ from their average");
        }

        /// <summary>
        /// training.ema_batch_norm: recomputing the average's batch-norm statistics changes what ships (and the samples),
        /// not training: both runs log the same metrics. dcgan recomputes unless told to copy.
        /// </summary>
        [Test]
        public void RecomputingTheAveragesNormStatisticsChangesWhatShipsNotTraining()
        {
            var ema = Tiny.Replace("seed: 3 }", "seed: 3, ema: 0.9 }");
            var recomputed = Train(Config(ema), "recompute");
            var copied = Train(Config(ema.Replace("ema: 0.9 }", "ema: 0.9, ema_batch_norm: copy }")), "copy");
            Assert.That(File.ReadAllText(recomputed.Run.ConfigPath), Does.Contain("ema_batch_norm: recompute"), "the dcgan default, saved with the run");
            Assert.That(File.ReadAllLines(recomputed.Run.MetricsPath).Select(r => string.Join(",", r.Split(',').Take(5))),
                Is.EqualTo(File.ReadAllLines(copied.Run.MetricsPath).Select(r => string.Join(",", r.Split(',').Take(5)))), "training is the same");
            Assert.That(File.ReadAllBytes(recomputed.OnnxPath), Is.Not.EqualTo(File.ReadAllBytes(copied.OnnxPath)), "the exported statistics differ");
            var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Config(ema.Replace("ema: 0.9 }", "ema: 0.9, ema_batch_norm: average }"))));
            Assert.That(e.Message, Does.Contain("training.ema_batch_norm").And.Contain("recompute").And.Contain("copy"));
        }

        [Test]
        public void ACheckpointWithoutAnAverageStartsItFromTheCurrentWeightsAndSaysSo()
        {
            var first = Train(Config(Tiny), "old", steps: 3);
            var saved = File.ReadAllText(first.Run.ConfigPath);
            Assert.That(saved, Does.Contain("ema: 0"));
            File.WriteAllText(first.Run.ConfigPath, saved.Replace("ema: 0", "ema: 0.9"));
            var notes = new RecordingObserver();
            var resumed = Train(null, "old", resume: true, steps: 6, observer: notes);
            Assert.That(notes.Lines, Has.One.Contain("has no generator weight average").And.Contain("starts from the current weights"));
            Wasserforge.Training.Export.RunExporter.Export(resumed.Run.Root, Path.Combine(_dir, "m.onnx"), rawWeights: false, out var exported);
            Assert.That(exported, Does.Contain("weight average"), "the checkpoints after the resume keep the average");
        }

        [Test]
        public void ASetTooSmallToHoldOutMeasuresSwdAgainstTheTrainingImagesAndSaysSo()
        {
            var notes = new RecordingObserver();
            var small = Train(Config(Tiny), "small", observer: notes);   // 32 images, hold_out 0.1: 3 would be held out
            Assert.That(notes.Lines.Count(l => l.Contains("fewer than the 16 the SWD needs")), Is.EqualTo(1), "said once, at the start");
            Assert.That(notes.Lines, Has.Some.Contain("against the training images instead"));
            Assert.That(notes.Lines, Has.Some.Match(@"^step 3: SWD.*\(vs 32 training images\)$"));
            var rows = File.ReadAllLines(small.Run.SwdPath);
            Assert.That(rows[0], Does.EndWith(",swd_average,against"));
            Assert.That(rows.Skip(1).Select(r => (r.Split(',')[0], r.Split(',').Last())), Is.EqualTo(new[] { ("3", "training"), ("6", "training") }));

            var larger = Train(Config(Tiny.Replace("count: 32", "count: 200")), "larger", observer: new RecordingObserver());
            Assert.That(File.ReadAllLines(larger.Run.SwdPath).Skip(1).Select(r => r.Split(',').Last()), Is.All.EqualTo("held-out"), "20 held-out images are enough");

            var none = new RecordingObserver();
            var off = Train(Config(Tiny.Replace("count: 32", "count: 32, hold_out: 0")), "off", observer: none);
            Assert.That(none.Lines, Has.One.Contain("data.hold_out is 0: this run measures no SWD quality curve"));
            Assert.That(File.Exists(off.Run.SwdPath), Is.False);
        }

        [Test]
        public void AnOlderSwdLogWithoutTheAgainstColumnKeepsItsLayoutOnResume()
        {
            var path = Path.Combine(_dir, "swd.csv");
            File.WriteAllText(path, "step,swd_16px,swd_average\n3,1.000,1.000\n6,2.000,2.000\n");
            var r = new Wasserforge.Training.Metrics.SwdResult { Resolutions = new[] { 16 }, PerLevel = new[] { 4.0 }, Average = 4.0 };
            new SwdLog(path, 3).Append(6, r);
            Assert.That(File.ReadAllLines(path), Is.EqualTo(new[] { "step,swd_16px,swd_average", "3,1.000,1.000", "6,4.000,4.000" }));
            File.Delete(path);
            new SwdLog(path, 0, SwdLog.Training).Append(3, r);
            Assert.That(File.ReadAllLines(path), Is.EqualTo(new[] { "step,swd_16px,swd_average,against", "3,4.000,4.000,training" }));
        }

        [Test]
        public void InitFromStartsFromTheOtherRunsWeights()
        {
            const string toy = "data: { source: 8gaussians }\nmodel: { kind: mlp, latent_dim: 2, width: 8, depth: 2 }\nloss: { kind: wgan-gp }\n";
            var source = Train(Config(toy + "training: { steps: 3, batch_size: 16, log_every: 1, seed: 2 }\n"), "source");
            // A learning rate of 1e-30 leaves the weights as they are (below float precision): the new run's generator is the source's.
            var tuned = Train(Config(toy + "optimizer: { lr: 1.0e-30 }\ntraining: { steps: 1, batch_size: 16, log_every: 1, seed: 9 }\n"), "tuned", initFrom: source.Run.Root);
            using var a = GeneratorModel.Load(source.OnnxPath);
            using var b = GeneratorModel.Load(tuned.OnnxPath);
            var z = Wasserforge.Latent.LatentSampler.Sample(3, 2);
            float[] pa = new float[2], pb = new float[2];
            a.Generate(z, 1, pa);
            b.Generate(z, 1, pb);
            Assert.That(pb, Is.EqualTo(pa).Within(1e-6f));
            var fresh = Train(Config(toy + "optimizer: { lr: 1.0e-30 }\ntraining: { steps: 1, batch_size: 16, log_every: 1, seed: 9 }\n"), "fresh");
            using var c = GeneratorModel.Load(fresh.OnnxPath);
            var pc = new float[2];
            c.Generate(z, 1, pc);
            Assert.That(pc, Is.Not.EqualTo(pa), "without --init-from the weights are the seed's own");
        }

        [Test]
        public void AFormat1RunOfTheShimTrainerResumes()
        {
            var run = Path.Combine(_dir, "results", "format1");
            CheckpointTests.CopyDirectory(Path.Combine(AppContext.BaseDirectory, "Fixtures", "format1-run"), run);
            File.WriteAllText(Path.Combine(run, "source-dir.txt"), run);
            var notes = new RecordingObserver();
            var resumed = Train(null, "format1", resume: true, steps: 3, observer: notes);
            Assert.That(resumed.Steps, Is.EqualTo(3));
            Assert.That(notes.Lines, Has.Some.Contain("resumed from").And.Contain("step_000002"));
            var state = File.ReadAllText(Path.Combine(resumed.Run.CheckpointPath(3), "state.json"));
            Assert.That(state, Does.Contain("\"format\": 2"), "the next checkpoint is written in the current format");
        }

        [Test]
        public void TheDeviceIsNamedWithTheReasonAndAMissingGpuIsAClearError()
        {
            var notes = new RecordingObserver();
            Train(Config(Tiny), "auto", steps: 1, observer: notes);
            if (TorchSharp.torch.cuda.is_available())
                Assert.That(notes.Device, Does.StartWith("cuda:0 (auto: TorchSharp reports"));
            else
            {
                Assert.That(notes.Device, Does.StartWith("cpu, ").And.Contain("auto: no CUDA"));
                var e = Assert.Throws<ArgumentException>(() => Trainer.Run(new TrainOptions { ConfigPath = Config(Tiny), RunId = "gpu", ResultsRoot = Path.Combine(_dir, "results"), Device = "cuda:0" }));
                Assert.That(e.Message, Does.Contain("cuda:0").And.Contain("TorchPackage=cuda-windows"));
            }
        }

        /// <summary>Random numbers are drawn on the CPU generator and moved, so a seed gives the same run on CUDA (up to kernel rounding).</summary>
        [Test]
        public void ASeedGivesTheSameRunOnCpuAndCuda()
        {
            if (!TorchSharp.torch.cuda.is_available()) Assert.Ignore("no CUDA device here (TorchSharp-cpu, or no GPU)");
            var config = Config(Tiny);
            var cpu = Trainer.Run(new TrainOptions { ConfigPath = config, RunId = "cpu", ResultsRoot = Path.Combine(_dir, "results"), Device = "cpu", Steps = 3 });
            var gpu = Trainer.Run(new TrainOptions { ConfigPath = config, RunId = "gpu", ResultsRoot = Path.Combine(_dir, "results"), Device = "cuda", Steps = 3 });
            double W(TrainResult r, int row) => double.Parse(File.ReadAllLines(r.Run.MetricsPath)[row].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture);
            for (var row = 1; row <= 3; row++) Assert.That(W(gpu, row), Is.EqualTo(W(cpu, row)).Within(1e-3).Percent.Or.EqualTo(W(cpu, row)).Within(1e-4), $"Wasserstein estimate at step {row}");
        }

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
            // The checkpoint left behind holds finite weights: export (and --resume) can use it.
            var latest = run.LatestCheckpoint();
            TestContext.Out.WriteLine($"{e.Message}; latest checkpoint: {latest ?? "none"}");
            if (latest != null)
            {
                var onnx = Path.Combine(_dir, "last-good.onnx");
                Wasserforge.Training.Export.RunExporter.Export(latest, onnx);
                using var model = GeneratorModel.Load(onnx);
                var output = new float[model.ValuesPerSample];
                model.Generate(Wasserforge.Latent.LatentSampler.Sample(1, model.LatentDim), 1, output);
                Assert.That(output.All(float.IsFinite), Is.True, "the kept checkpoint generates finite images");
            }
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
