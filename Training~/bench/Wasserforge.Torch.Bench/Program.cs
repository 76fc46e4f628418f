using System;
using System.Diagnostics;
using System.Globalization;
using Wasserforge.Torch;
using Wasserforge.Torch.Optim;

namespace Wasserforge.Torch.Bench
{
    /// <summary>
    /// usage: Wasserforge.Torch.Bench [--device auto|cpu|cuda[:N]] [--warmup N] [--iterations N] [--threads N]
    /// One iteration = 5 critic steps with gradient penalty (λ = 10, Adam 1e-4, β = (0, 0.9)) + 1
    /// generator step, batch 64. Prints, on the last line of stdout, iterations per second over all
    /// timed iterations and of the fastest one (robust to load from other processes).
    /// </summary>
    public static class Program
    {
        const int Batch = 64, CriticSteps = 5;
        const double Lambda = 10;

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
            try
            {
                if (threads > 0) torch.set_num_threads(threads);
                var dev = torch.resolve_device(device, out var why);
                Console.Error.WriteLine($"[bench] {torch.version()}, device {why}, {torch.get_num_threads()} threads");
                if (dev.Type == DeviceType.CUDA) torch.backends.cudnn.benchmark = true;
                var (mean, best) = Run(dev, warmup, iterations);
                Console.WriteLine(mean.ToString("R", CultureInfo.InvariantCulture) + " " + best.ToString("R", CultureInfo.InvariantCulture));
                return 0;
            }
            catch (TorchException e)
            {
                Console.Error.WriteLine("[bench] " + e.Message);
                return 1;
            }
        }

        /// <summary>Runs the loop and returns timed iterations per second: overall, and of the fastest iteration.</summary>
        public static (double mean, double best) Run(Device device, int warmup, int iterations)
        {
            torch.manual_seed(0);
            using var g = DcganPair.Generator();
            using var d = DcganPair.Critic();
            g.to(device);
            d.to(device);
            using var optG = new Adam(g.parameters(), 1e-4, 0.0, 0.9);
            using var optD = new Adam(d.parameters(), 1e-4, 0.0, 0.9);
            using var real = DisposeScope.Detach(torch.rand(new long[] { Batch, 3, 64, 64 }, device: device) * 2.0 - 1.0);

            void Iteration()
            {
                for (var c = 0; c < CriticSteps; c++)
                {
                    using var scope = torch.NewDisposeScope();
                    Tensor fake;
                    using (torch.no_grad()) fake = g.forward(torch.randn(new long[] { Batch, DcganPair.Latent }, device: device));
                    var dr = d.forward(real);
                    var df = d.forward(fake);
                    var alpha = torch.rand(new long[] { Batch, 1, 1, 1 }, device: device);
                    var x = (real * alpha + fake * (1.0 - alpha)).detach().requires_grad_();
                    var grad = torch.autograd.grad(new[] { d.forward(x).sum() }, new[] { x }, create_graph: true)[0];
                    var gp = (grad.reshape(Batch, -1).norm(new long[] { 1 }) - 1.0).pow(2).mean();
                    var loss = df.mean() - dr.mean() + gp * Lambda;
                    optD.zero_grad();
                    loss.backward();
                    optD.step();
                }
                using (torch.NewDisposeScope())
                {
                    var gl = -d.forward(g.forward(torch.randn(new long[] { Batch, DcganPair.Latent }, device: device))).mean();
                    optG.zero_grad();
                    gl.backward();
                    optG.step();
                    gl.item();
                }
            }

            for (var i = 0; i < warmup; i++) Iteration();
            torch.cuda.synchronize();
            var sw = Stopwatch.StartNew();
            var fastest = double.MaxValue;
            for (var i = 0; i < iterations; i++)
            {
                var start = sw.Elapsed.TotalSeconds;
                Iteration();
                torch.cuda.synchronize();
                fastest = Math.Min(fastest, sw.Elapsed.TotalSeconds - start);
            }
            return (iterations / sw.Elapsed.TotalSeconds, 1 / fastest);
        }
    }
}
