using System;
using System.Globalization;
using System.IO;
using Wasserforge;
using Wasserforge.Deterministic;
using Wasserforge.Latent;
using Wasserforge.Pixels;
using Wasserforge.Training.Config;
using Wasserforge.Training.Data;
using Wasserforge.Training.Metrics;

/// <summary>
/// How far the deterministic device's output is from ONNX Runtime's floats, on the bundled sample
/// generator and the two test generators, for the latents of seeds 1…COUNT: largest and mean absolute
/// difference as floats and as 8-bit levels, the share of levels that differ, and the SWD (ProGAN,
/// ×10³, averaged over pyramid levels) of both sample sets against the same real images, against each
/// other, and of ORT's set against itself with other random patches (the metric's noise floor). Writes one side-by-side sheet per generator to OUT_DIR: ONNX Runtime | deterministic |
/// |difference| × 64, seeds 1–64, RGBA shown over black.
/// </summary>
internal static class QualityReport
{
    public static int Run(string outDir, int count, string spriteSheet)
    {
        Directory.CreateDirectory(outDir);
        var root = PackageRoot();
        Console.WriteLine("| generator | real images | max abs Δ (float) | mean abs Δ (float) | max abs Δ (levels) | mean abs Δ (levels) | levels differing | SWD real↔ORT | SWD real↔deterministic | SWD ORT↔deterministic | SWD ORT↔ORT |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        Report(Path.Combine(root, "Samples~/TextureFromSeed/ProceduralTextures.onnx"), "sample", ProceduralTextures.Create(count, 32, 777), "procedural, 32 px", count, outDir);
        Report(Path.Combine(root, "Tests/Fixtures/generator_v1_tileable_16.onnx"), "tileable", ProceduralTextures.Create(count, 16, 777), "procedural, 16 px", count, outDir);
        var sprites = ImageFolderLoader.Load(spriteSheet, new DataConfig { Source = spriteSheet, Atlas = "16x16", Size = 16, Channels = 4, HoldOut = 0 }, Path.Combine(outDir, "cache"), TextWriter.Null);
        Report(Path.Combine(root, "Tests/Fixtures/generator_v1_sprite_rgba_16.onnx"), "sprites", sprites, "angband 16×16 sprites", count, outDir);
        return 0;
    }

    static void Report(string model, string name, ImageDataset real, string realName, int count, string outDir)
    {
        var ci = CultureInfo.InvariantCulture;
        using (var ort = GeneratorModel.Load(model, new GeneratorOptions { Device = ExecutionDevice.Cpu }))
        using (var det = DeterministicGenerator.Load(model))
        {
            var n = Math.Min(count, real.Count);
            var z = new float[n * ort.LatentDim];
            for (var i = 0; i < n; i++) LatentSampler.Sample((ulong)i + 1, z.AsSpan(i * ort.LatentDim, ort.LatentDim));
            var a = new float[n * ort.ValuesPerSample];
            var b = new float[a.Length];
            ort.Generate(z, n, a);
            det.Generate(z, n, b);
            double maxF = 0, sumF = 0;
            for (var i = 0; i < a.Length; i++) { var d = Math.Abs(a[i] - b[i]); maxF = Math.Max(maxF, d); sumF += d; }
            var pixels = ort.Width * ort.Height;
            var ra = new byte[n * pixels * 4];
            var rb = new byte[ra.Length];
            ort.GenerateRgba32(z, n, ra);
            det.GenerateRgba32(z, n, rb);
            int maxL = 0, differ = 0;
            long sumL = 0, values = 0;
            for (var p = 0; p < n * pixels; p++)
                for (var c = 0; c < ort.Channels; c++)
                {
                    var d = Math.Abs(ra[4 * p + c] - rb[4 * p + c]);
                    maxL = Math.Max(maxL, d);
                    sumL += d;
                    if (d != 0) differ++;
                    values++;
                }
            var realPixels = new float[a.Length];
            for (var i = 0; i < n; i++) real.Image(i).CopyTo(realPixels.AsSpan(i * ort.ValuesPerSample, ort.ValuesPerSample));
            var swdOrt = SlicedWasserstein.Compute(realPixels, a, n, ort.Channels, ort.Width).Average;
            var swdDet = SlicedWasserstein.Compute(realPixels, b, n, ort.Channels, ort.Width).Average;
            var swdBoth = SlicedWasserstein.Compute(a, b, n, ort.Channels, ort.Width).Average;
            // The same images against themselves with other random patches: the metric's sampling noise floor.
            var swdSelf = SlicedWasserstein.Compute(a, a, n, ort.Channels, ort.Width, 2).Average;
            Console.WriteLine(string.Format(ci, "| {0} ({1}×{2}×{3}, {4} samples) | {5} | {6:E2} | {7:E2} | {8} | {9:F4} | {10:F2}% | {11:F2} | {12:F2} | {13:F2} | {14:F2} |",
                name, ort.Width, ort.Height, ort.Channels, n, realName, maxF, sumF / a.Length, maxL, (double)sumL / values, 100.0 * differ / values, swdOrt, swdDet, swdBoth, swdSelf));
            Sheet(Path.Combine(outDir, $"deterministic-{name}.png"), ra, rb, Math.Min(64, n), ort.Width, ort.Height);
        }
    }

    /// <summary>Three 8×8 grids side by side: ONNX Runtime, deterministic, |difference| × 64 (alpha composited over black); cells below 32 px are enlarged.</summary>
    static void Sheet(string path, byte[] a, byte[] b, int count, int w, int h)
    {
        const int grid = 8, gap = 1, panelGap = 8;
        var zoom = Math.Max(1, 32 / w);
        int cw = w * zoom, chh = h * zoom;
        var panel = grid * (cw + gap) - gap;
        var width = 3 * panel + 2 * panelGap;
        var height = grid * (chh + gap) - gap;
        var rgb = new byte[width * height * 3];
        for (var i = 0; i < rgb.Length; i++) rgb[i] = 128;
        for (var s = 0; s < count; s++)
            for (var y = 0; y < chh; y++)
                for (var x = 0; x < cw; x++)
                {
                    var src = ((s * h + y / zoom) * w + x / zoom) * 4;
                    for (var k = 0; k < 3; k++)
                    {
                        var px = k * (panel + panelGap) + s % grid * (cw + gap) + x;
                        var py = s / grid * (chh + gap) + y;
                        var dst = (py * width + px) * 3;
                        for (var c = 0; c < 3; c++)
                        {
                            int va = a[src + c] * a[src + 3] / 255, vb = b[src + c] * b[src + 3] / 255;
                            var diff = Math.Max(Math.Abs(a[src + c] - b[src + c]), Math.Abs(a[src + 3] - b[src + 3]));
                            rgb[dst + c] = (byte)(k == 0 ? va : k == 1 ? vb : Math.Min(255, 64 * diff));
                        }
                    }
                }
        PngEncoder.WriteFile(path, rgb, width, height, 3);
    }

    static string PackageRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "package.json"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("package.json not found above " + AppContext.BaseDirectory);
    }
}
