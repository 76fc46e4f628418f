using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Wasserforge;
using Wasserforge.Deterministic;
using Wasserforge.Latent;

/// <summary>
/// usage: wasserforge-deterministic-bench latency THREADS ROUNDS REPEATS MODEL.onnx...
///        wasserforge-deterministic-bench quality OUT_DIR COUNT SPRITE_SHEET.png
///        wasserforge-deterministic-bench sampler ROUNDS REPEATS
/// latency: for each model and batch 1 and 16, GeneratorModel on ONNX Runtime's CPU provider and on the
/// deterministic device with the same thread count, alternating for ROUNDS rounds of REPEATS timed calls each
/// (after warm-up); prints a markdown table of the medians of the round medians and of the fastest calls
/// (on a busy machine the fastest call is the closer estimate of the time without contention).
/// quality: see <see cref="QualityReport"/>; sampler: see <see cref="SamplerBench"/>.
/// </summary>
internal static class DeterministicBench
{
    static int Main(string[] args)
    {
        if (args.Length >= 5 && args[0] == "latency") return Latency(args);
        if (args.Length == 4 && args[0] == "quality") return QualityReport.Run(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3]);
        if (args.Length == 3 && args[0] == "sampler") return SamplerBench.Run(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture));
        Console.Error.WriteLine("usage: wasserforge-deterministic-bench latency THREADS ROUNDS REPEATS MODEL.onnx...\n       wasserforge-deterministic-bench quality OUT_DIR COUNT SPRITE_SHEET.png\n       wasserforge-deterministic-bench sampler ROUNDS REPEATS");
        return 2;
    }

    static int Latency(string[] args)
    {
        var ci = CultureInfo.InvariantCulture;
        var threads = int.Parse(args[1], ci);
        var rounds = int.Parse(args[2], ci);
        var repeats = int.Parse(args[3], ci);
        Console.WriteLine("| generator | batch | ORT CPU median (ms) | deterministic median (ms) | ratio of medians | ORT CPU best (ms) | deterministic best (ms) | ratio of bests |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var file in args.Skip(4))
        {
            using (var ort = GeneratorModel.Load(file, new GeneratorOptions { Device = ExecutionDevice.Cpu, IntraOpThreads = threads }))
            using (var det = GeneratorModel.Load(file, new GeneratorOptions { Device = ExecutionDevice.Deterministic, IntraOpThreads = threads }))
            {
                foreach (var batch in new[] { 1, 16 })
                {
                    var z = new float[batch * ort.LatentDim];
                    for (var i = 0; i < batch; i++) LatentSampler.Sample((ulong)i + 1, z.AsSpan(i * ort.LatentDim, ort.LatentDim));
                    var output = new float[batch * ort.ValuesPerSample];
                    var ortRounds = new List<double>();
                    var detRounds = new List<double>();
                    double ortBest = double.MaxValue, detBest = double.MaxValue;
                    for (var r = 0; r < rounds; r++)
                    {
                        ortRounds.Add(Median(() => ort.Generate(z, batch, output), repeats, ref ortBest));
                        detRounds.Add(Median(() => det.Generate(z, batch, output), repeats, ref detBest));
                    }
                    var o = MedianOf(ortRounds);
                    var d = MedianOf(detRounds);
                    Console.WriteLine(string.Format(ci, "| {0} ({1}×{2}) | {3} | {4:F3} | {5:F3} | {6:F2}× | {7:F3} | {8:F3} | {9:F2}× |",
                        Path.GetFileName(file), ort.Width, ort.Height, batch, o, d, d / o, ortBest, detBest, detBest / ortBest));
                }
            }
        }
        return 0;
    }

    /// <summary>Median milliseconds of <paramref name="repeats"/> calls after a warm-up of a tenth as many (at least 5); lowers <paramref name="best"/> to the fastest call.</summary>
    static double Median(Action call, int repeats, ref double best)
    {
        for (var i = 0; i < Math.Max(5, repeats / 10); i++) call();
        var ms = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var t = Stopwatch.GetTimestamp();
            call();
            ms[i] = (Stopwatch.GetTimestamp() - t) * 1000.0 / Stopwatch.Frequency;
            best = Math.Min(best, ms[i]);
        }
        return MedianOf(ms);
    }

    internal static double MedianOf(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}
