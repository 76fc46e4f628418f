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
    /// Times <see cref="BareLoop"/> (the loop of Training~/bench/wgan_gp_dcgan.py on TorchSharp directly). Prints on
    /// the last line iterations per second over all timed iterations and of the fastest one.
    /// </summary>
    public static class Program
    {
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
            using var loop = new BareLoop(dev);
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
            var ci = CultureInfo.InvariantCulture;
            Console.WriteLine((iterations / total.Elapsed.TotalSeconds).ToString("R", ci) + " " + (1 / fastest).ToString("R", ci));
            return 0;
        }
    }
}
