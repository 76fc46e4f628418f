using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Wasserforge.Bench.BareTorchSharp;
using Wasserforge.Training.Bench;
using Wasserforge.Training.Engine;

namespace Wasserforge.Bench.SameProcess
{
    /// <summary>
    /// usage: SameProcess [PAIRS=4] [THREADS=0]
    /// Ours (<see cref="EngineLoop"/>: the trainer's model factory, loss and step code) and bare (<see cref="BareLoop"/>: the
    /// same loop on TorchSharp directly) in one process on the CPU: one warm-up iteration each, then PAIRS pairs of one
    /// iteration each, the order swapped every pair. Prints each pair's seconds and, last, the ratio of the mean rates and
    /// the median of the per-pair ratios (ours rate / bare rate; above 1: ours is faster).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            var ci = CultureInfo.InvariantCulture;
            var pairs = args.Length > 0 ? int.Parse(args[0], ci) : 4;
            TorchDevices.SetThreads(args.Length > 1 ? int.Parse(args[1], ci) : 0);
            var dev = TorchDevices.Resolve("cpu", out var why);
            using var ours = new EngineLoop(dev);
            using var bare = new BareLoop(dev);
            ours.Iteration();
            bare.Iteration();
            var t = new double[pairs, 2];
            for (var p = 0; p < pairs; p++)
            {
                for (var k = 0; k < 2; k++)
                {
                    var side = (p + k) % 2;   // 0 ours, 1 bare; pair 0 runs ours first
                    var sw = Stopwatch.StartNew();
                    if (side == 0) ours.Iteration(); else bare.Iteration();
                    t[p, side] = sw.Elapsed.TotalSeconds;
                }
                Console.WriteLine(string.Format(ci, "pair {0}: ours {1:F3} s, bare {2:F3} s", p + 1, t[p, 0], t[p, 1]));
            }
            var oursTotal = Enumerable.Range(0, pairs).Sum(p => t[p, 0]);
            var bareTotal = Enumerable.Range(0, pairs).Sum(p => t[p, 1]);
            var ratios = Enumerable.Range(0, pairs).Select(p => t[p, 1] / t[p, 0]).OrderBy(r => r).ToArray();
            var median = pairs % 2 == 1 ? ratios[pairs / 2] : (ratios[pairs / 2 - 1] + ratios[pairs / 2]) / 2;
            Console.WriteLine(string.Format(ci, "device {0}; ours/bare rate: {1:F3} (means), {2:F3} (median of pairs)", why, bareTotal / oursTotal, median));
            return 0;
        }
    }
}
