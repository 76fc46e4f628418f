using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Wasserforge.Training.Config;
using Wasserforge.Training.Loop;
using Wasserforge.Training.Models;

namespace Wasserforge.Training.Tests
{
    /// <summary>
    /// Sizes no machine can train (docs/reliability.md, "Configs"): the memory bound refuses them before
    /// anything is built, stating the largest value that fits; what it admits trains without a libtorch
    /// error, within the bound; and an out-of-memory error libtorch still raises is said in the config's terms.
    /// </summary>
    public class TrainingMemoryTests
    {
        string _dir;
        [SetUp] public void Dir() => _dir = TestDirs.New();
        [TearDown] public void Clean() { if (Directory.Exists(_dir)) Directory.Delete(_dir, true); }

        string Config(string yaml)
        {
            var path = Path.Combine(_dir, "config.yaml");
            File.WriteAllText(path, yaml);
            return path;
        }

        [TestCase("model: { kind: dcgan, latent_dim: 16, width: 4, max_width: 32 }\ndata: { size: 16 }")]
        [TestCase("model: { kind: dcgan, latent_dim: 7, width: 8, max_width: 64 }\ndata: { size: 64, channels: 4 }")]
        [TestCase("model: { kind: dcgan, latent_dim: 8, width: 4, max_width: 16, critic_norm: batch }\ndata: { size: 32, channels: 1 }\nloss: { kind: wgan-clip }")]
        [TestCase("model: { kind: dcgan, latent_dim: 8, width: 4, max_width: 16, critic_norm: none, tileable: true }\ndata: { size: 32 }")]
        [TestCase("model: { kind: dcgan, latent_dim: 16, width: 8, max_width: 32, upsample: nearest, full_res_width: 12, critic_full_res_width: 6 }\ndata: { size: 32 }")]
        [TestCase("model: { kind: dcgan, latent_dim: 8, width: 4, max_width: 16, critic_norm: none, tileable: true, full_res_width: 5 }\ndata: { size: 16, channels: 4 }")]
        [TestCase("model: { kind: dcgan, latent_dim: 8, width: 4, max_width: 16, critic_full_res_width: 7 }\ndata: { size: 16, channels: 1 }")]
        [TestCase("model: { kind: dcgan, latent_dim: 16, width: 8, max_width: 32, upsample: nearest, full_res_width: 12, convs_per_level: 2 }\ndata: { size: 32 }")]
        [TestCase("model: { kind: dcgan, latent_dim: 8, width: 4, max_width: 16, tileable: true, convs_per_level: 2 }\ndata: { size: 64, channels: 4 }")]
        [TestCase("model: { kind: texture, latent_dim: 16, width: 8, max_width: 32 }\ndata: { size: 32 }")]
        [TestCase("model: { kind: texture, latent_dim: 5, noise_channels: 3, width: 4, max_width: 64, critic_norm: none }\ndata: { size: 64, crop_size: 32, channels: 4 }")]
        [TestCase("model: { kind: texture, latent_dim: 8, width: 4, max_width: 16, critic_norm: batch }\ndata: { size: 16, channels: 1 }\nloss: { kind: wgan-clip }")]
        [TestCase("model: { kind: mlp, latent_dim: 3, width: 16, depth: 3 }\ndata: { source: 8gaussians }")]
        [TestCase("model: { kind: mlp, latent_dim: 2, width: 5, depth: 1 }\ndata: { source: 8gaussians }")]
        public void TheEstimateCountsTheBuiltModelsWeights(string yaml)
        {
            // The bound mirrors ModelFactory; if the networks change, this fails until TrainingMemory follows.
            var c = ConfigLoader.Load(Config(yaml));
            using var models = ModelFactory.Create(c, c.Model.Kind == "mlp" ? 2 : c.Data.Channels);
            var built = models.Generator.parameters().Concat(models.Critic.parameters()).Sum(p => p.numel());
            Assert.That(TrainingMemory.Estimate(c).Parameters, Is.EqualTo(built));
        }

        [Test]
        public void EveryShippedConfigTrainsOnAMachineWith16GB()
        {
            // The bound against half of 16 GB: what the tool would allow itself on a common developer machine.
            var root = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (!File.Exists(Path.Combine(root.FullName, "package.json"))) root = root.Parent;
            var configs = Directory.GetFiles(Path.Combine(root.FullName, "Training~", "config"), "*.yaml");
            Assert.That(configs, Is.Not.Empty);
            foreach (var file in configs)
            {
                var c = ConfigLoader.Load(file);
                TestContext.Out.WriteLine($"{Path.GetFileName(file)}: {TrainingMemory.Estimate(c).TotalBytes / 1048576:F0} MB");
                Assert.That(() => TrainingMemory.Check(c, file, activationsInRam: true, budget: 8L << 30), Throws.Nothing, file);
            }
        }

        [Test]
        public void ThePerKeyMaximaTogetherAreRefusedBeforeAnythingIsBuilt()
        {
            var config = Config($"data: {{ source: procedural, size: 256, count: 16 }}\nmodel: {{ latent_dim: {ConfigLimits.MaxLatentDim}, width: {ConfigLimits.MaxWidth}, max_width: {ConfigLimits.MaxWidth} }}\n" +
                                "training: { batch_size: 16, device: cpu }\n");
            var before = GC.GetAllocatedBytesForCurrentThread();
            var e = Assert.Throws<ConfigException>(() => Trainer.Run(new TrainOptions { ConfigPath = config, RunId = "huge", ResultsRoot = Path.Combine(_dir, "results") }));
            Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(64L << 20), "refused before the procedural set or any network");
            Assert.That(e.Message, Does.StartWith(config + ": 'model.max_width': the networks alone need about").And.Contain("The largest max_width that fits"));
            Assert.That(Directory.Exists(Path.Combine(_dir, "results", "huge")), Is.False);
        }

        /// <summary>The process's peak resident memory since the last reset, and a reset (Linux: /proc/self/status VmHWM, /proc/self/clear_refs).</summary>
        static long PeakRss() => long.Parse(Regex.Match(File.ReadAllText("/proc/self/status"), @"VmHWM:\s+(\d+) kB").Groups[1].Value, CultureInfo.InvariantCulture) * 1024;
        static void ResetPeakRss() => File.WriteAllText("/proc/self/clear_refs", "5");
        static long Rss() => long.Parse(Regex.Match(File.ReadAllText("/proc/self/status"), @"VmRSS:\s+(\d+) kB").Groups[1].Value, CultureInfo.InvariantCulture) * 1024;

        [TestCase("data: { source: procedural, size: 32, count: 256, hold_out: 0 }\nmodel: { latent_dim: 32, width: 16, max_width: 128 }\nloss: { kind: wgan-gp }")]
        [TestCase("data: { source: procedural, size: 64, count: 64, hold_out: 0 }\nmodel: { latent_dim: 32, width: 8, max_width: 64, tileable: true }\nloss: { kind: wgan-gp }")]
        [TestCase("data: { source: procedural, size: 64, count: 64, hold_out: 0, crop_size: 32 }\nmodel: { kind: texture, latent_dim: 32, width: 16, max_width: 64 }\nloss: { kind: wgan-gp }")]
        public void TheLargestBatchAdmittedTrainsWithinTheBound(string yaml)
        {
            if (!OperatingSystem.IsLinux()) Assert.Ignore("reads the peak memory from /proc/self");
            const long budget = 160L << 20;
            var config = Config(yaml + "\ntraining: { steps: 2, batch_size: 10000, log_every: 1, threads: 1, device: cpu }\n");
            var options = new TrainOptions { ConfigPath = config, RunId = "edge", ResultsRoot = Path.Combine(_dir, "results"), MemoryBudget = budget };
            var e = Assert.Throws<ConfigException>(() => Trainer.Run(options));
            TestContext.Out.WriteLine(e.Message);
            var largest = int.Parse(Regex.Match(e.Message, @"The largest batch_size that fits is (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.That(largest, Is.GreaterThan(8), "a useful batch fits the budget");

            File.WriteAllText(config, File.ReadAllText(config).Replace("batch_size: 10000", $"batch_size: {largest + 1}"));
            Assert.Throws<ConfigException>(() => Trainer.Run(options), "one more sample does not fit");
            File.WriteAllText(config, File.ReadAllText(config).Replace($"batch_size: {largest + 1}", $"batch_size: {largest}"));
            var bound = TrainingMemory.Estimate(ConfigLoader.Load(config)).TotalBytes;
            Assert.That(bound, Is.LessThanOrEqualTo(budget));

            // Warm up (libtorch's libraries, the JIT, the thread pool) with a 1-step run of batch 2, so the batch's own memory is what grows.
            var warmUp = Path.Combine(_dir, "warm-up.yaml");
            File.WriteAllText(warmUp, File.ReadAllText(config).Replace($"batch_size: {largest}", "batch_size: 2"));
            Trainer.Run(new TrainOptions { ConfigPath = warmUp, RunId = "warm-up", ResultsRoot = options.ResultsRoot, Steps = 1 });
            GC.Collect();
            var rssBefore = Rss();
            ResetPeakRss();
            var result = Trainer.Run(options);   // no libtorch error at the edge
            var used = PeakRss() - rssBefore;
            TestContext.Out.WriteLine($"batch {largest}: bound {bound / 1048576:F0} MB, peak growth {used / 1048576.0:F0} MB");
            Assert.That(result.Steps, Is.EqualTo(2));
            Assert.That(used, Is.LessThanOrEqualTo(bound), "the bound is an upper bound");
        }

        [Test]
        public void LibtorchsOutOfMemoryErrorIsSaidInTheConfigsTerms()
        {
            // A petabyte: the system refuses it at once, so this is libtorch's own error, raised for real.
            var e = Assert.Catch<ExternalException>(() => TorchSharp.torch.empty(1L << 48, TorchSharp.torch.ScalarType.Float32));
            Assert.That(OutOfMemory.Matches(e), Is.True, e.Message);
            var described = OutOfMemory.Describe(e, "my.yaml", 3);
            Assert.That(described.Message, Does.StartWith("my.yaml: training ran out of memory after 3 steps: libtorch needed 1.0 PB more than this machine had free.")
                .And.Contain("training.batch_size").And.Not.Contain("enforce fail"));
            Assert.That(OutOfMemory.Matches(new ExternalException("some other libtorch error")), Is.False);
        }
    }
}
