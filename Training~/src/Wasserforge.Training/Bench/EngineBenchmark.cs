using System;
using System.Diagnostics;
using Wasserforge.Training.Config;
using Wasserforge.Training.Engine;

namespace Wasserforge.Training.Bench
{
    /// <summary>Iterations per second of a benchmark run.</summary>
    public readonly struct EngineRate
    {
        /// <summary>Timed iterations divided by their total time.</summary>
        public readonly double Mean;
        /// <summary>1 / the fastest timed iteration (robust to load from other processes).</summary>
        public readonly double Fastest;
        /// <summary>The device, in words.</summary>
        public readonly string Device;
        /// <summary>Creates a rate.</summary>
        public EngineRate(double mean, double fastest, string device) { Mean = mean; Fastest = fastest; Device = device; }
    }

    /// <summary>
    /// The WGAN-GP reference DCGAN pair of Training~/bench/wgan_gp_dcgan.py at 64×64, batch 64, built by
    /// the trainer's own <see cref="Models.ModelFactory"/> (generator Linear 128→4·4·512 + BN + ReLU, ConvTranspose
    /// 5×5/2 512→256→128→64 with BN + ReLU, ConvTranspose 64→3 + tanh; critic Conv 5×5/2 3→64→128→256→512
    /// with LayerNorm + LeakyReLU(0.2), Linear → 1), trained by the trainer's own <see cref="Loop.TrainingStep"/>
    /// with its loss (λ = 10) and optimizers (Adam 1e-4, β = (0, 0.9)): one iteration = 5 critic steps + 1
    /// generator step, reading the numbers the trainer reads.
    /// </summary>
    public static class EngineBenchmark
    {
        /// <summary>The reference config: wgan-gp defaults, 64×64 RGB, latent 128, width 64, max width 512, batch 64.</summary>
        public static TrainConfig ReferenceConfig()
        {
            var c = new TrainConfig();
            c.Data.Size = 64; c.Data.Channels = 3;
            c.Model.Kind = "dcgan"; c.Model.LatentDim = 128; c.Model.Width = 64; c.Model.MaxWidth = 512;
            c.Loss.Kind = "wgan-gp";
            c.Training.BatchSize = 64;
            ConfigDefaults.Apply(c);
            return c;
        }

        /// <summary>Runs <paramref name="warmup"/> untimed and <paramref name="iterations"/> timed iterations.</summary>
        /// <exception cref="ArgumentException">Unknown device, or fewer than one timed iteration.</exception>
        public static EngineRate Run(string device, int warmup, int iterations, int threads = 0)
        {
            if (iterations < 1) throw new ArgumentException($"--iterations {iterations} must be at least 1.");
            TorchDevices.SetThreads(threads);
            var dev = TorchDevices.Resolve(device, out var why);
            using var loop = new EngineLoop(dev);
            void Iteration() => loop.Iteration();

            for (var i = 0; i < warmup; i++) Iteration();
            var total = Stopwatch.StartNew();
            var fastest = double.MaxValue;
            for (var i = 0; i < iterations; i++)
            {
                var one = Stopwatch.StartNew();
                Iteration();
                fastest = Math.Min(fastest, one.Elapsed.TotalSeconds);
            }
            return new EngineRate(iterations / total.Elapsed.TotalSeconds, 1 / fastest, why);
        }
    }
}
