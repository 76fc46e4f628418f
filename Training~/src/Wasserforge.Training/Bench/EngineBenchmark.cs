using System;
using System.Diagnostics;
using Wasserforge.Torch;
using Wasserforge.Torch.Optim;
using Wasserforge.Training.Config;
using Wasserforge.Training.Losses;
using Wasserforge.Training.Models;

namespace Wasserforge.Training.Bench
{
    /// <summary>
    /// The WGAN-GP reference DCGAN pair at 64×64, batch 64 (generator Linear 128→4·4·512 + BN + ReLU,
    /// ConvTranspose 5×5/2 512→256→128→64 with BN + ReLU, ConvTranspose 64→3 + tanh; critic Conv 5×5/2
    /// 3→64→128→256→512 with LayerNorm + LeakyReLU(0.2), Linear → 1). One iteration = 5 critic steps
    /// with the gradient penalty (λ = 10, Adam 1e-4, β = (0, 0.9)) + 1 generator step.
    /// Training~/bench/wgan_gp_dcgan.py is the same loop in PyTorch.
    /// </summary>
    public static class EngineBenchmark
    {
        /// <summary>Iterations per second after <paramref name="warmup"/> untimed iterations.</summary>
        public static double Run(string device, int warmup, int iterations, int batch = 64, int size = 64)
        {
            torch.manual_seed(0);
            var dev = torch.resolve_device(device, out _);
            var c = new TrainConfig();
            c.Data.Size = size; c.Data.Channels = 3;
            c.Model.LatentDim = 128; c.Model.Width = 64; c.Model.MaxWidth = 512;
            c.Loss.Kind = "wgan-gp";
            ConfigDefaults.Apply(c);
            using var models = ModelFactory.Create(c, 3);
            models.Generator.to(dev);
            models.Critic.to(dev);
            var loss = GanLoss.Create(c.Loss);
            using var optG = new Adam(models.Generator.parameters(), 1e-4, 0.0, 0.9);
            using var optC = new Adam(models.Critic.parameters(), 1e-4, 0.0, 0.9);
            using var gen = new Generator(1);
            var real = DisposeScope.Detach(torch.rand(new long[] { batch, 3, size, size }, gen).to(dev) * 2.0 - 1.0);

            void Iteration()
            {
                for (var k = 0; k < 5; k++)
                {
                    using var scope = torch.NewDisposeScope();
                    Tensor fake;
                    using (torch.no_grad()) fake = models.Generator.forward(torch.randn(new long[] { batch, 128 }, gen).to(dev));
                    var terms = loss.Critic(models.Critic, real, fake, gen);
                    optC.zero_grad();
                    terms.Loss.backward();
                    optC.step();
                }
                using (torch.NewDisposeScope())
                {
                    var fake = models.Generator.forward(torch.randn(new long[] { batch, 128 }, gen).to(dev));
                    var g = loss.Generator(models.Critic.forward(fake));
                    optG.zero_grad();
                    g.backward();
                    optG.step();
                    g.item();   // synchronise (CUDA)
                }
            }

            for (var i = 0; i < warmup; i++) Iteration();
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++) Iteration();
            var rate = iterations / sw.Elapsed.TotalSeconds;
            real.Dispose();
            return rate;
        }
    }
}
