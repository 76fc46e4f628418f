using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using Wasserforge.Latent;
using Wasserforge.Tests.Latent;

/// <summary>
/// usage: wasserforge-deterministic-bench sampler ROUNDS REPEATS
/// The seeded latent sampler (LatentSampler.Sample, integer-computed IEEE arithmetic) against the same
/// formulas on the hardware's doubles (HardwareLatentReference, the code before the change; the same
/// bits), and truncation (LatentMath.Truncate) likewise, for latents of 64 to 512 values. Alternates the
/// two sides for ROUNDS rounds of REPEATS timed blocks; a block is 16 calls on consecutive seeds.
/// Prints microseconds per call: the median of the round medians and the fastest block.
/// </summary>
internal static class SamplerBench
{
    const int CallsPerBlock = 16;

    public static int Run(int rounds, int repeats)
    {
        var ci = CultureInfo.InvariantCulture;
        Console.WriteLine("| latent length | operation | hardware doubles median (µs) | integer IEEE median (µs) | ratio | hardware best (µs) | integer best (µs) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var dim in new[] { 64, 128, 256, 512 })
        {
            var z = new float[dim];
            ulong seed = 1;
            Row(ci, dim, "Sample", rounds, repeats, () => HardwareLatentReference.Sample(seed++, z), () => LatentSampler.Sample(seed++, z));
            Row(ci, dim, "Truncate ψ 0.7", rounds, repeats, () => HardwareLatentReference.Truncate(z, 0.7f), () => LatentMath.Truncate(z, 0.7f));
        }
        return 0;
    }

    static void Row(CultureInfo ci, int dim, string name, int rounds, int repeats, Action hardware, Action integer)
    {
        var hw = new List<double>();
        var it = new List<double>();
        double hwBest = double.MaxValue, itBest = double.MaxValue;
        for (var r = 0; r < rounds; r++)
        {
            hw.Add(Median(hardware, repeats, ref hwBest));
            it.Add(Median(integer, repeats, ref itBest));
        }
        var h = MedianOf(hw);
        var i = MedianOf(it);
        Console.WriteLine(string.Format(ci, "| {0} | {1} | {2:F2} | {3:F2} | {4:F1}× | {5:F2} | {6:F2} |", dim, name, h, i, i / h, hwBest, itBest));
    }

    /// <summary>Median microseconds per call over <paramref name="repeats"/> blocks, after a warm-up of a tenth as many (at least 5).</summary>
    static double Median(Action call, int repeats, ref double best)
    {
        for (var i = 0; i < Math.Max(5, repeats / 10) * CallsPerBlock; i++) call();
        var us = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var t = Stopwatch.GetTimestamp();
            for (var k = 0; k < CallsPerBlock; k++) call();
            us[i] = (Stopwatch.GetTimestamp() - t) * 1e6 / Stopwatch.Frequency / CallsPerBlock;
            best = Math.Min(best, us[i]);
        }
        return MedianOf(us);
    }

    static double MedianOf(IEnumerable<double> values) => DeterministicBench.MedianOf(values);
}
