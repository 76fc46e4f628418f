using System;
using System.IO;
using System.Text;
using Wasserforge.Deterministic;
using Wasserforge.Latent;

/// <summary>
/// Recomputes the deterministic device's golden hashes (Tests/Runtime/Deterministic/golden_hashes.txt)
/// in whatever runtime runs this program (mono-check.sh compiles it with the runtime sources for Mono)
/// and prints one line per case; exits 1 on any mismatch.
/// usage: GoldenCheck.exe PACKAGE_ROOT
/// </summary>
internal static class GoldenCheck
{
    static int Main(string[] args)
    {
        var root = args[0];
        var failures = 0;
        Console.WriteLine($"runtime: {Environment.Version}, Vector accelerated: {System.Numerics.Vector.IsHardwareAccelerated}");
        foreach (var line in File.ReadAllLines(Path.Combine(root, "Tests", "Runtime", "Deterministic", "golden_hashes.txt")))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split(' ');
            var seed = ulong.Parse(f[1]);
            var count = int.Parse(f[2]);
            var psi = float.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture);
            foreach (var threads in new[] { 1, 2 })
            {
                using (var g = DeterministicGenerator.Load(Path.Combine(root, f[0]), new DeterministicOptions { Threads = threads }))
                {
                    var z = new float[count * g.LatentDim];
                    for (var i = 0; i < count; i++) LatentSampler.Sample(seed + (ulong)i, new Span<float>(z, i * g.LatentDim, g.LatentDim));
                    LatentMath.Truncate(z, psi);
                    var rgba = new byte[count * g.Width * g.Height * 4];
                    g.GenerateRgba32(z, count, rgba);
                    var hash = Hex(Sha256.Hash(rgba));
                    var ok = hash == f[4];
                    if (!ok) failures++;
                    Console.WriteLine($"{(ok ? "ok      " : "MISMATCH")} {f[0]} seed {seed} x{count} psi {psi} threads {threads}: {hash}");
                }
            }
        }
        Console.WriteLine(failures == 0 ? "all golden hashes reproduced" : $"{failures} mismatches");
        return failures == 0 ? 0 : 1;
    }

    static string Hex(byte[] bytes)
    {
        var s = new StringBuilder(64);
        foreach (var b in bytes) s.Append(b.ToString("x2"));
        return s.ToString();
    }
}
