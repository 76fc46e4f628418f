using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Wasserforge.Training.Loop;

namespace Wasserforge.Training.Bench
{
    /// <summary>Resident memory of the process over a training run.</summary>
    public sealed class MemoryProfile
    {
        /// <summary>Generator iterations run.</summary>
        public long Steps;
        /// <summary>Iterations before the first measurement (allocators and JIT settle).</summary>
        public long Warmup;
        /// <summary>RSS in bytes after the warm-up, after a full garbage collection.</summary>
        public long RssAfterWarmup;
        /// <summary>RSS in bytes at the last step (before its samples and checkpoint), after a full garbage collection.</summary>
        public long RssAtEnd;
        /// <summary>The largest RSS seen at any logged step.</summary>
        public long RssPeak;
        /// <summary>(RssAtEnd − RssAfterWarmup) / RssAfterWarmup.</summary>
        public double Growth => (double)(RssAtEnd - RssAfterWarmup) / RssAfterWarmup;
    }

    /// <summary>
    /// Runs the whole trainer (<see cref="Trainer.Run"/>: data, critic and generator steps, metrics,
    /// samples, checkpoints) on a small WGAN-GP DCGAN over the procedural textures and records the
    /// process's resident memory (Linux <c>/proc/self/statm</c>) at every step: a leak of tensors or
    /// native buffers per step shows as growth after the warm-up. No images are held out, so no SWD
    /// point runs in between (64 images leave too few to hold out, and the training-set SWD that small
    /// sets fall back to would put its large, occasional working set into a per-step measurement).
    /// </summary>
    public static class MemoryBenchmark
    {
        /// <summary>The process's resident set size in bytes (Linux), or −1 elsewhere.</summary>
        public static long Rss()
        {
            if (!File.Exists("/proc/self/statm")) return -1;
            return long.Parse(File.ReadAllText("/proc/self/statm").Split(' ')[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
        }

        /// <summary>Trains <paramref name="steps"/> iterations (<paramref name="warmup"/> of them before the first measurement; samples and checkpoints every warmup/2 iterations, so the warm-up has written both) in a temporary folder, deleted after.</summary>
        /// <exception cref="PlatformNotSupportedException">Not Linux.</exception>
        public static MemoryProfile Run(int warmup, int steps, int threads = 1)
        {
            if (Rss() < 0) throw new PlatformNotSupportedException("the memory benchmark reads /proc/self/statm (Linux).");
            var dir = Path.Combine(Path.GetTempPath(), "wf-memory-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            try
            {
                var config = Path.Combine(dir, "memory.yaml");
                File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture,
                    $"data: {{ source: procedural, size: 16, channels: 3, count: 64, hold_out: 0 }}\nmodel: {{ kind: dcgan, latent_dim: 16, width: 8, max_width: 16 }}\nloss: {{ kind: wgan-gp }}\n" +
                    $"training: {{ steps: {steps}, batch_size: 16, sample_every: {Math.Max(1, warmup / 2)}, checkpoint_every: {Math.Max(1, warmup / 2)}, log_every: 1, threads: {threads}, device: cpu }}\n"));
                var observer = new Sampler(warmup);
                Trainer.Run(new TrainOptions { ConfigPath = config, RunId = "memory", ResultsRoot = Path.Combine(dir, "results"), Observer = observer });
                observer.Profile.Steps = steps;
                return observer.Profile;
            }
            finally { Directory.Delete(dir, true); }
        }

        static long Settled()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return Rss();
        }

        sealed class Sampler : ITrainingObserver
        {
            readonly long _warmup;
            public readonly MemoryProfile Profile = new MemoryProfile();
            public Sampler(long warmup) { _warmup = warmup; Profile.Warmup = warmup; }
            public void Started(string runId, string device, string dataset, long startStep, long totalSteps) { }
            public void Note(string message) { }
            public void Progress(in MetricsRow row, long totalSteps)
            {
                if (row.Step == _warmup) Profile.RssAfterWarmup = Settled();
                if (row.Step >= _warmup) Profile.RssPeak = Math.Max(Profile.RssPeak, Rss());
                if (row.Step == totalSteps) Profile.RssAtEnd = Settled();
            }
        }
    }
}
