using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Wasserforge;
using Wasserforge.Pixels;

/// <summary>
/// usage: wasserforge-runtime-bench THREADS REPEATS MODEL.onnx...
/// For each model and batch 1 and 16: the median and mean milliseconds of one
/// <see cref="GeneratorModel.Generate"/> call (CPU provider, THREADS intra-op threads) over REPEATS
/// calls after warm-up, and the median milliseconds of <see cref="PixelConverter.ToRgba32"/> of the
/// batch. Prints one JSON array (read by run.sh). The latents are the ones peer.js feeds ORT.
/// </summary>
internal static class RuntimeBench
{
    static int Main(string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine("usage: wasserforge-runtime-bench THREADS REPEATS MODEL.onnx...");
            return 2;
        }
        var threads = int.Parse(args[0], CultureInfo.InvariantCulture);
        var repeats = int.Parse(args[1], CultureInfo.InvariantCulture);
        var rows = new List<string>();
        foreach (var file in args.Skip(2))
        {
            using (var model = GeneratorModel.Load(file, new GeneratorOptions { Device = ExecutionDevice.Cpu, IntraOpThreads = threads }))
            {
                foreach (var batch in new[] { 1, 16 })
                {
                    var z = new float[batch * model.LatentDim];
                    for (var i = 0; i < z.Length; i++) z[i] = (float)Math.Sin(i * 0.7);
                    var output = new float[batch * model.ValuesPerSample];
                    var rgba = new byte[batch * model.Width * model.Height * 4];
                    var gen = TimeCalls(() => model.Generate(z, batch, output), repeats);
                    var conv = TimeBlocks(() => PixelConverter.ToRgba32(output, batch, model.Channels, model.Width, model.Height, rgba, true), repeats);
                    rows.Add(string.Format(CultureInfo.InvariantCulture,
                        "{{\"model\":\"{0}\",\"size\":{1},\"batch\":{2},\"median_ms\":{3:R},\"mean_ms\":{4:R},\"convert_ms\":{5:R}}}",
                        file.Replace("\\", "\\\\"), model.Width, batch, gen.Median, gen.Mean, conv));
                }
            }
        }
        Console.WriteLine("[" + string.Join(",", rows) + "]");
        return 0;
    }

    struct Timing { public double Median, Mean; }

    /// <summary>Times <paramref name="repeats"/> single calls after warm-up.</summary>
    static Timing TimeCalls(Action call, int repeats)
    {
        for (var i = 0; i < Math.Max(5, repeats / 10); i++) call();
        var ms = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var t = Stopwatch.GetTimestamp();
            call();
            ms[i] = (Stopwatch.GetTimestamp() - t) * 1000.0 / Stopwatch.Frequency;
        }
        Array.Sort(ms);
        return new Timing { Median = ms[repeats / 2], Mean = ms.Average() };
    }

    /// <summary>Median per-call milliseconds of blocks long enough (≥ 2 ms) for a stable clock reading.</summary>
    static double TimeBlocks(Action call, int blocks)
    {
        // Past tiered JIT's first tier: many calls, then time for the background tier-1 compile.
        var sw = Stopwatch.StartNew();
        var perBlock = 0;
        while (sw.Elapsed.TotalMilliseconds < 200) { call(); perBlock++; }
        Thread.Sleep(200);
        perBlock = Math.Max(1, perBlock / 100);
        var ms = new double[blocks];
        for (var b = 0; b < blocks; b++)
        {
            var t = Stopwatch.GetTimestamp();
            for (var i = 0; i < perBlock; i++) call();
            ms[b] = (Stopwatch.GetTimestamp() - t) * 1000.0 / Stopwatch.Frequency / perBlock;
        }
        Array.Sort(ms);
        return ms[blocks / 2];
    }
}
