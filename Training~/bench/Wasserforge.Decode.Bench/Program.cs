using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using StbImageSharp;
using Wasserforge.Training.Data.Decoding;

// Usage: Wasserforge.Decode.Bench [FILES=3000] [ROUNDS=5] [SIZE=32]
// 1. Speed: FILES seeded SIZE×SIZE RGBA PNGs (texture-like: gradient + noise + a transparent corner), decoded by
//    ours (ImageDecoder.DecodeFile: ImageSharp 2.1.13 with limits and truncation checks), StbImageSharp 2.30.16
//    (ImageResult.FromMemory, RGBA) and plain ImageSharp (Image.Load<Rgba32>), each reading the file itself;
//    the order rotates every round; per-image times per round and their median.
// 2. Agreement: the tests' format fixtures decoded by both libraries, pixel by pixel.
// 3. Hostile files: the tests' crafted files (huge headers, empty, truncated) through both.
var files = args.Length > 0 ? int.Parse(args[0]) : 3000;
var rounds = args.Length > 1 ? int.Parse(args[1]) : 5;
var size = args.Length > 2 ? int.Parse(args[2]) : 32;
var work = Path.Combine(Path.GetTempPath(), "wf-decode-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(work);
try
{
    var paths = MakePngs(Path.Combine(work, "pngs"), files, size);
    var sides = new (string Name, Func<string, byte[]> Decode)[]
    {
        ("ours (ImageSharp 2.1.13 + limits)", p => ImageDecoder.DecodeFile(p).Rgba),
        ("StbImageSharp 2.30.16", p => ImageResult.FromMemory(File.ReadAllBytes(p), ColorComponents.RedGreenBlueAlpha).Data),
        ("ImageSharp 2.1.13 plain", p => { using var img = Image.Load<Rgba32>(p); var b = new byte[img.Width * img.Height * 4]; img.CopyPixelDataTo(b); return b; }),
    };
    Console.WriteLine($"speed: {files} PNGs of {size}x{size} RGBA, {rounds} rounds, order rotating; {Environment.ProcessorCount} CPUs, .NET {Environment.Version}");
    foreach (var s in sides) foreach (var p in paths.Take(200)) s.Decode(p);   // warm-up (JIT, pools)
    var times = sides.Select(_ => new List<double>()).ToArray();
    for (var r = 0; r < rounds; r++)
    {
        for (var k = 0; k < sides.Length; k++)
        {
            var i = (r + k) % sides.Length;
            var sw = Stopwatch.StartNew();
            long checksum = 0;
            foreach (var p in paths) checksum += sides[i].Decode(p)[5];
            times[i].Add(sw.Elapsed.TotalMilliseconds * 1000 / paths.Count);
            GC.KeepAlive(checksum);
        }
        Console.WriteLine($"round {r + 1}: " + string.Join("; ", sides.Select((s, i) => $"{s.Name} {times[i][^1]:F1} µs/image")));
    }
    var medians = times.Select(t => t.OrderBy(x => x).ElementAt(t.Count / 2)).ToArray();
    for (var i = 0; i < sides.Length; i++)
        Console.WriteLine($"median {sides[i].Name}: {medians[i]:F1} µs/image ({1e6 / medians[i]:F0} images/s), min {times[i].Min():F1}, max {times[i].Max():F1}");
    Console.WriteLine($"ratio ours / StbImageSharp (time): {medians[0] / medians[1]:F2}; ours / plain ImageSharp: {medians[0] / medians[2]:F2}");
    var same = paths.Count(p => sides[0].Decode(p).AsSpan().SequenceEqual(sides[1].Decode(p)));
    Console.WriteLine($"identical RGBA from both libraries: {same} of {paths.Count} files");

    var fixtures = Path.Combine(work, "fixtures");
    Directory.CreateDirectory(fixtures);
    Wasserforge.Training.Tests.ImageFixtures.Make(fixtures);
    Console.WriteLine("\nagreement on the format fixtures (ours vs StbImageSharp):");
    foreach (var p in Directory.GetFiles(fixtures).Where(f => !f.EndsWith(".bin")).OrderBy(f => f, StringComparer.Ordinal))
        Console.WriteLine($"  {Path.GetFileName(p)}: {Compare(p)}");

    var crafted = Path.Combine(work, "crafted");
    Directory.CreateDirectory(crafted);
    Wasserforge.Training.Tests.ImageFixtures.Write(Wasserforge.Training.Tests.ImageFixtures.Crafted, crafted);
    Console.WriteLine("\nhostile files (ours | StbImageSharp):");
    foreach (var p in Directory.GetFiles(crafted).OrderBy(f => f, StringComparer.Ordinal))
        Console.WriteLine($"  {Path.GetFileName(p)}: {Ours(p)} | {Stb(p)}");
}
finally { Directory.Delete(work, true); }

static List<string> MakePngs(string dir, int count, int size)
{
    Directory.CreateDirectory(dir);
    var rng = new Random(1234);
    var list = new List<string>();
    var px = new byte[size * size * 4];
    for (var n = 0; n < count; n++)
    {
        int r0 = rng.Next(256), g0 = rng.Next(256), b0 = rng.Next(256), dx = rng.Next(-4, 5), dy = rng.Next(-4, 5);
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                var o = (y * size + x) * 4;
                var noise = rng.Next(-12, 13);
                px[o] = (byte)Math.Clamp(r0 + dx * x + noise, 0, 255);
                px[o + 1] = (byte)Math.Clamp(g0 + dy * y + noise, 0, 255);
                px[o + 2] = (byte)Math.Clamp(b0 + noise, 0, 255);
                px[o + 3] = (byte)(x + y < size / 4 ? 0 : 255);
            }
        var path = Path.Combine(dir, $"img{n:D5}.png");
        Wasserforge.Pixels.PngEncoder.WriteFile(path, px, size, size, 4);
        list.Add(path);
    }
    return list;
}

static string Compare(string path)
{
    byte[] a, b;
    int w;
    try { var img = ImageDecoder.DecodeFile(path); a = img.Rgba; w = img.Width; }
    catch (Exception e) { return "ours failed: " + e.Message; }
    try { var r = ImageResult.FromMemory(File.ReadAllBytes(path), ColorComponents.RedGreenBlueAlpha); b = r.Data; }
    catch (Exception e) { return "StbImageSharp failed: " + e.Message; }
    if (a.Length != b.Length) return $"sizes differ ({a.Length} vs {b.Length} bytes)";
    int diff = 0, max = 0, first = -1;
    for (var i = 0; i < a.Length; i++)
    {
        var d = Math.Abs(a[i] - b[i]);
        if (d == 0) continue;
        diff++; max = Math.Max(max, d);
        if (first < 0) first = i;
    }
    return diff == 0 ? "identical" : $"{diff} of {a.Length} bytes differ, max {max} (first at pixel {first / 4 % w},{first / 4 / w}: ours {Px(a, first)}, stb {Px(b, first)})";
}

static string Px(byte[] p, int i) { var o = i / 4 * 4; return $"({p[o]},{p[o + 1]},{p[o + 2]},{p[o + 3]})"; }

static string Ours(string path)
{
    var before = GC.GetAllocatedBytesForCurrentThread();
    try { var img = ImageDecoder.DecodeFile(path); return $"decoded {img.Width}x{img.Height}"; }
    catch (Exception e) { return $"{e.GetType().Name}: {e.Message.Replace(Path.GetDirectoryName(path) + "/", "")} [{(GC.GetAllocatedBytesForCurrentThread() - before) / 1024} KiB allocated]"; }
}

static string Stb(string path)
{
    var bytes = File.ReadAllBytes(path);
    try
    {
        using (var s = new MemoryStream(bytes))
        {
            var info = ImageInfo.FromStream(s);
            if (info == null) return "ImageInfo: unknown format";
            // Never let it try the headers that claim more than 100 M pixels: it would allocate W·H·4 bytes natively.
            if ((long)info.Value.Width * info.Value.Height > 100_000_000) return $"header read as {info.Value.Width}x{info.Value.Height}; a full decode would allocate {4.0 * info.Value.Width * info.Value.Height / (1 << 30):F1} GiB (not run)";
        }
        var r = ImageResult.FromMemory(bytes, ColorComponents.RedGreenBlueAlpha);
        return $"decoded {r.Width}x{r.Height} (no error)";
    }
    catch (Exception e) { return $"{e.GetType().Name}: {e.Message}"; }
}
