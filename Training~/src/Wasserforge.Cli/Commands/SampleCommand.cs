using System;
using System.CommandLine;
using System.Globalization;
using Wasserforge.Latent;

namespace Wasserforge.Cli.Commands
{
    /// <summary>
    /// <c>sample MODEL --count N --seed S [--truncation P] [--size WxH] [--noise-seed M] [--grid CxR] [--format png|npy] [--gap G] [--separate] [--device D] -o PATH</c>:
    /// sample i uses seed S + i, exactly the latent <c>LatentSampler.Sample(S + i)</c> gives in a game. For a texture
    /// model, --size makes seamless textures of that size (<c>GenerateTexture</c>) with the local noise of seed M (default 0).
    /// </summary>
    static class SampleCommand
    {
        public static Command Create(CliConsole console)
        {
            var model = new Argument<string>("model") { Description = "Generator .onnx file." };
            var count = new Option<int?>("--count", "-n") { Description = "Number of samples (default 16, or columns × rows of --grid)." };
            var seed = new Option<ulong>("--seed", "-s") { Description = "Seed of the first sample; sample i uses seed + i.", DefaultValueFactory = _ => 1UL };
            var truncation = new Option<float>("--truncation", "-t") { Description = "Truncation ψ: 1 = none, smaller = more typical samples.", DefaultValueFactory = _ => 1f };
            var grid = new Option<string>("--grid") { Description = "Sheet layout, columns x rows (e.g. 8x8). Default: a near-square layout." };
            var format = Shared.FormatOption("png (a sheet)");
            var gap = Shared.GapOption();
            var separate = Shared.SeparateOption("PATH_<seed>.png");
            var size = Shared.SizeOption();
            var noiseSeed = Shared.NoiseSeedOption();
            var device = Shared.DeviceOption();
            var output = Shared.OutputOption();
            var cmd = new Command("sample", "Generate samples from seeds into a PNG sheet, separate PNGs, or a .npy array.")
                { model, count, seed, truncation, size, noiseSeed, grid, format, gap, separate, device, output };
            cmd.SetAction(p => console.Guard(() =>
            {
                var (cols, rows) = Shared.ParseGrid(p.GetValue(grid));
                var cells = (long)cols * rows;
                if (cells > int.MaxValue) throw new ArgumentException($"--grid {cols}x{rows} holds {cells} samples, more than a count can be ({int.MaxValue}).");
                var n = p.GetValue(count) ?? (cols > 0 ? (int)cells : 16);
                if (n < 1) throw new ArgumentException("--count must be at least 1.");
                if (cols > 0 && cells != n) throw new ArgumentException($"--grid {cols}x{rows} holds {cells} samples but --count is {n}.");
                var psi = p.GetValue(truncation);
                if (!(psi >= 0) || float.IsInfinity(psi)) throw new ArgumentException($"--truncation {psi} must be a number ≥ 0 (1 = none).");
                var path = p.GetValue(output);
                var fmt = Shared.Format(p.GetValue(format), path);
                if (p.GetValue(separate) && fmt != "png") throw new ArgumentException("--separate writes PNG files; drop it or use a .png output.");
                var gapPixels = Shared.Gap(p.GetValue(gap));
                using var g = GeneratorModel.Load(p.GetValue(model), Shared.Options(p.GetValue(device)));
                var shape = Shared.Shape(g, p.GetValue(size), p.GetValue(noiseSeed));
                Shared.CheckLimits(g, shape, n, fmt, p.GetValue(separate), cols, gapPixels, "--count", "For more, run several times: --seed picks the first seed of each run.");
                var seeds = new ulong[n];
                for (var i = 0; i < n; i++) seeds[i] = unchecked(p.GetValue(seed) + (ulong)i);
                var z = new float[n * g.LatentDim];
                LatentSampler.SampleBatch(seeds, g.LatentDim, z);
                LatentMath.Truncate(z, psi);
                Func<int, string> names = p.GetValue(separate) ? k => Shared.Numbered(path, seeds[k].ToString(CultureInfo.InvariantCulture)) : null;
                var layout = cols > 0 ? cols : (int)Math.Ceiling(Math.Sqrt(n));
                var files = Shared.WriteSamples(g, shape, z, n, layout, gapPixels, path, fmt, names, console, k => $"sample {k} (seed {seeds[k]})");
                var where = files.Length == 1 ? files[0] : $"{files.Length} files ({files[0]} …)";
                var texture = shape.NoiseSeed is ulong ns ? $", {shape.Width}x{shape.Height} seamless, noise seed {ns}" : "";
                console.Out.WriteLine($"wrote {n} samples (seeds {seeds[0]}..{seeds[n - 1]}{(psi != 1f ? ", ψ " + psi.ToString(CultureInfo.InvariantCulture) : "")}{texture}) to {where} [{g.ActiveDevice}]");
                return 0;
            }));
            return cmd;
        }
    }
}
