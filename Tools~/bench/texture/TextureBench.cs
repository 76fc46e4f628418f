using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Wasserforge;
using Wasserforge.Latent;

/// <summary>
/// The C# half of the texture benchmark (Tools~/bench/texture/run.sh): one process per configuration, so its
/// peak resident memory is that configuration's. Times <see cref="GeneratorModel.GenerateTextureRgba32"/> of one
/// SIZE x SIZE texture with TILE-cell tiles (a tile larger than the texture = one whole-graph run) and prints one
/// JSON line: median and minimum milliseconds, and the peak resident memory above the loaded model's.
/// </summary>
internal static class TextureBench
{
    public static int Run(string[] args)
    {
        if (args.Length != 5)
        {
            Console.Error.WriteLine("usage: wasserforge-runtime-bench texture MODEL.onnx SIZE TILE_CELLS REPEATS THREADS");
            return 2;
        }
        var size = int.Parse(args[1], CultureInfo.InvariantCulture);
        var tile = int.Parse(args[2], CultureInfo.InvariantCulture);
        var repeats = int.Parse(args[3], CultureInfo.InvariantCulture);
        var threads = int.Parse(args[4], CultureInfo.InvariantCulture);
        using var model = GeneratorModel.Load(args[0], new GeneratorOptions { Device = ExecutionDevice.Cpu, IntraOpThreads = threads, TextureTileCells = tile });
        var z = LatentSampler.Sample(1, model.LatentDim);
        var rgba = new byte[size * size * 4];
        GC.Collect();
        var baseline = Status("VmRSS");
        var times = new double[repeats];
        model.GenerateTextureRgba32(z, 7, size, size, rgba, true);   // warm-up
        for (var i = 0; i < repeats; i++)
        {
            var t = Stopwatch.GetTimestamp();
            model.GenerateTextureRgba32(z, 7, size, size, rgba, true);
            times[i] = (Stopwatch.GetTimestamp() - t) * 1000.0 / Stopwatch.Frequency;
        }
        Array.Sort(times);
        var peak = Status("VmHWM");
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "{{\"size\": {0}, \"tile\": {1}, \"median_ms\": {2:F1}, \"min_ms\": {3:F1}, \"peak_mib\": {4:F1}}}",
            size, tile, times[repeats / 2], times[0], (peak - baseline) / 1024.0));
        return 0;
    }

    /// <summary>A /proc/self/status value in KiB (Linux).</summary>
    static long Status(string key)
    {
        foreach (var line in File.ReadAllLines("/proc/self/status"))
            if (line.StartsWith(key + ":", StringComparison.Ordinal))
                return long.Parse(line.Substring(key.Length + 1).Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        throw new InvalidOperationException(key + " not in /proc/self/status");
    }
}
