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
/// latency: for each model and batch 1 and 16, ONNX Runtime's CPU provider and the deterministic
/// device with the same thread count, alternating for ROUNDS rounds of REPEATS timed calls each
/// (after warm-up); prints a markdown table of the medians of the round medians.
/// quality: see <see cref="QualityReport"/>.
/// </summary>
internal static class DeterministicBench
{
    static int Main(string[] args)
    {
        if (args.Length >= 5 && args[0] == "latency") return Latency(args);
        if (args.Length == 4 && args[0] == "quality") return QualityReport.Run(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3]);
        Console.Error.WriteLine("usage: wasserforge-deterministic-bench latency THREADS ROUNDS REPEATS MODEL.onnx...\n       wasserforge-deterministic-bench quality OUT_DIR COUNT SPRITE_SHEET.png");
        return 2;
    }

    static int Latency(string[] args)
    {
        var ci = CultureInfo.InvariantCulture;
        var threads = int.Parse(args[1], ci);
        var rounds = int.Parse(args[2], ci);
        var repeats = int.Parse(args[3], ci);
        Console.WriteLine("| generator | batch | ONNX Runtime CPU (ms) | deterministic (ms) | deterministic / ORT |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var file in args.Skip(4))
        {
            using (var ort = GeneratorModel.Load(file, new GeneratorOptions { Device = ExecutionDevice.Cpu, IntraOpThreads = threads }))
            using (var det = DeterministicGenerator.Load(file, new DeterministicOptions { Threads = threads }))
            {
                foreach (var batch in new[] { 1, 16 })
                {
                    var z = new float[batch * ort.LatentDim];
                    for (var i = 0; i < batch; i++) LatentSampler.Sample((ulong)i + 1, z.AsSpan(i * ort.LatentDim, ort.LatentDim));
                    var output = new float[batch * ort.ValuesPerSample];
                    var ortRounds = new List<double>();
                    var detRounds = new List<double>();
                    for (var r = 0; r < rounds; r++)
                    {
                        ortRounds.Add(Median(() => ort.Generate(z, batch, output), repeats));
                        detRounds.Add(Median(() => det.Generate(z, batch, output), repeats));
                    }
                    var o = MedianOf(ortRounds);
                    var d = MedianOf(detRounds);
                    Console.WriteLine(string.Format(ci, "| {0} ({1}×{2}) | {3} | {4:F3} | {5:F3} | {6:F2}× |",
                        Path.GetFileName(file), ort.Width, ort.Height, batch, o, d, d / o));
                }
            }
        }
        return 0;
    }

    /// <summary>Median milliseconds of <paramref name="repeats"/> calls after a warm-up of a tenth as many (at least 5).</summary>
    static double Median(Action call, int repeats)
    {
        for (var i = 0; i < Math.Max(5, repeats / 10); i++) call();
        var ms = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var t = Stopwatch.GetTimestamp();
            call();
            ms[i] = (Stopwatch.GetTimestamp() - t) * 1000.0 / Stopwatch.Frequency;
        }
        return MedianOf(ms);
    }

    static double MedianOf(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}
