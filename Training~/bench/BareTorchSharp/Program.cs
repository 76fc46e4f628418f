using System;
using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Wasserforge.Bench.BareTorchSharp
{
    /// <summary>
    /// usage: BareTorchSharp [--device cpu|cuda[:N]] [--warmup N] [--iterations N] [--threads N]
    /// The loop of Training~/bench/wgan_gp_dcgan.py on TorchSharp directly: the WGAN-GP reference DCGAN
    /// pair at 64×64, batch 64; one iteration = 5 critic steps with the gradient penalty (λ = 10, Adam
    /// 1e-4, β = (0, 0.9)) + 1 generator step, each step in a dispose scope. Prints on the last line
    /// iterations per second over all timed iterations and of the fastest one.
    /// </summary>
    public static class Program
    {
        const int Batch = 64, CriticSteps = 5;

        static Sequential Generator() => Sequential(
            Linear(128, 4 * 4 * 512), BatchNorm1d(4 * 4 * 512), ReLU(), Unflatten(1, new long[] { 512, 4, 4 }),
            ConvTranspose2d(512, 256, 5, stride: 2, padding: 2, output_padding: 1), BatchNorm2d(256), ReLU(),
            ConvTranspose2d(256, 128, 5, stride: 2, padding: 2, output_padding: 1), BatchNorm2d(128), ReLU(),
            ConvTranspose2d(128, 64, 5, stride: 2, padding: 2, output_padding: 1), BatchNorm2d(64), ReLU(),
            ConvTranspose2d(64, 3, 5, stride: 2, padding: 2, output_padding: 1), Tanh());

        static Sequential Critic() => Sequential(
            Conv2d(3, 64, 5, stride: 2, padding: 2), LeakyReLU(0.2),
            Conv2d(64, 128, 5, stride: 2, padding: 2), LayerNorm(new long[] { 128, 16, 16 }), LeakyReLU(0.2),
            Conv2d(128, 256, 5, stride: 2, padding: 2), LayerNorm(new long[] { 256, 8, 8 }), LeakyReLU(0.2),
            Conv2d(256, 512, 5, stride: 2, padding: 2), LayerNorm(new long[] { 512, 4, 4 }), LeakyReLU(0.2),
            Flatten(), Linear(4 * 4 * 512, 1));

        public static int Main(string[] args)
        {
            string device = "cpu";
            int warmup = 1, iterations = 3, threads = 0;
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--device": device = Next(); break;
                    case "--warmup": warmup = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--iterations": iterations = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--threads": threads = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
                }
            }
            torch.set_num_threads(threads > 0 ? threads : Environment.ProcessorCount);
            var dev = torch.device(device == "auto" ? (torch.cuda.is_available() ? "cuda" : "cpu") : device);
            Console.Error.WriteLine($"[bare] libtorch {__version__}, device {dev}, {torch.get_num_threads()} threads");
            manual_seed(0);
            using var g = Generator().to(dev);
            using var d = Critic().to(dev);
            using var optG = optim.Adam(g.parameters(), 1e-4, 0.0, 0.9);
            using var optD = optim.Adam(d.parameters(), 1e-4, 0.0, 0.9);
            using var real = (rand(new long[] { Batch, 3, 64, 64 }, device: dev) * 2.0 - 1.0).DetachFromDisposeScope();

            void Iteration()
            {
                for (var k = 0; k < CriticSteps; k++)
                {
                    using var scope = NewDisposeScope();
                    Tensor fake;
                    using (no_grad()) fake = g.forward(randn(new long[] { Batch, 128 }, device: dev));
                    var dr = d.forward(real);
                    var df = d.forward(fake);
                    var alpha = rand(new long[] { Batch, 1, 1, 1 }, device: dev);
                    var x = (real * alpha + fake * (1.0 - alpha)).detach().requires_grad_();
                    var grad = autograd.grad(new[] { d.forward(x).sum() }, new[] { x }, create_graph: true, retain_graph: true)[0];
                    var gp = (grad.reshape(Batch, -1).norm(1) - 1.0).square().mean();
                    var loss = df.mean() - dr.mean() + gp * 10.0;
                    optD.zero_grad();
                    loss.backward();
                    optD.step();
                }
                using (NewDisposeScope())
                {
                    var gl = -d.forward(g.forward(randn(new long[] { Batch, 128 }, device: dev))).mean();
                    optG.zero_grad();
                    gl.backward();
                    optG.step();
                    gl.item<float>();   // synchronise (CUDA)
                }
            }

            for (var i = 0; i < warmup; i++) Iteration();
            var total = Stopwatch.StartNew();
            var fastest = double.MaxValue;
            for (var i = 0; i < iterations; i++)
            {
                var one = Stopwatch.StartNew();
                Iteration();
                fastest = Math.Min(fastest, one.Elapsed.TotalSeconds);
            }
            var ci = CultureInfo.InvariantCulture;
            Console.WriteLine((iterations / total.Elapsed.TotalSeconds).ToString("R", ci) + " " + (1 / fastest).ToString("R", ci));
            return 0;
        }
    }
}
