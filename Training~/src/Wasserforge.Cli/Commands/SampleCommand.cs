using System;
using System.CommandLine;
using System.IO;
using Wasserforge.Latent;
using Wasserforge.Pixels;

namespace Wasserforge.Cli.Commands
{
    /// <summary><c>sample MODEL --count N --seed S [--truncation P] [--grid CxR] [--format png|npy] -o PATH</c>: sample i uses seed S + i.</summary>
    static class SampleCommand
    {
        public static Command Create(CliConsole console)
        {
            var model = new Argument<string>("model") { Description = "Generator .onnx file." };
            var count = new Option<int?>("--count", "-n") { Description = "Number of samples (default 16, or columns × rows of --grid)." };
            var seed = new Option<ulong>("--seed", "-s") { Description = "Seed of the first sample; sample i uses seed + i.", DefaultValueFactory = _ => 1UL };
            var truncation = new Option<float>("--truncation", "-t") { Description = "Truncation ψ: 1 = none, smaller = more typical samples.", DefaultValueFactory = _ => 1f };
            var grid = new Option<string>("--grid") { Description = "Sheet layout, columns x rows (e.g. 8x8)." };
            var format = new Option<string>("--format") { Description = "png (a sheet) or npy (raw NCHW floats). Default: from the output's extension." };
            var device = Shared.DeviceOption();
            var output = new Option<string>("--output", "-o") { Description = "Output file.", Required = true };
            var cmd = new Command("sample", "Generate samples from seeds into a PNG sheet or a .npy array.") { model, count, seed, truncation, grid, format, device, output };
            cmd.SetAction(p => console.Guard(() =>
            {
                var (cols, rows) = Shared.ParseGrid(p.GetValue(grid));
                var n = p.GetValue(count) ?? (cols > 0 ? cols * rows : 16);
                if (n < 1) throw new ArgumentException("--count must be at least 1.");
                if (cols > 0 && cols * rows != n) throw new ArgumentException($"--grid {cols}x{rows} holds {cols * rows} samples but --count is {n}.");
                var seeds = new ulong[n];
                for (var i = 0; i < n; i++) seeds[i] = p.GetValue(seed) + (ulong)i;
                using var g = GeneratorModel.Load(p.GetValue(model), Shared.Options(p.GetValue(device)));
                var z = new float[n * g.LatentDim];
                LatentSampler.SampleBatch(seeds, g.LatentDim, z);
                LatentMath.Truncate(z, p.GetValue(truncation));
                var path = p.GetValue(output);
                Shared.WriteSamples(g, z, n, cols > 0 ? cols : (int)Math.Ceiling(Math.Sqrt(n)), path, Shared.Format(p.GetValue(format), path));
                console.Out.WriteLine($"wrote {n} samples (seeds {seeds[0]}..{seeds[n - 1]}) to {path} [{g.ActiveDevice}]");
                return 0;
            }));
            return cmd;
        }
    }

    /// <summary><c>interpolate MODEL --from S1 --to S2 --steps K [--slerp] -o PATH</c>.</summary>
    static class InterpolateCommand
    {
        public static Command Create(CliConsole console)
        {
            var model = new Argument<string>("model") { Description = "Generator .onnx file." };
            var from = new Option<string>("--from") { Description = "Start: a seed, or a latent text (seed:N, seed:N@psi, wf1:…).", Required = true };
            var to = new Option<string>("--to") { Description = "End: a seed or a latent text.", Required = true };
            var steps = new Option<int>("--steps", "-k") { Description = "Frames, including both ends.", DefaultValueFactory = _ => 8 };
            var slerp = new Option<bool>("--slerp") { Description = "Spherical interpolation (keeps latents on the prior's shell; usually better)." };
            var format = new Option<string>("--format") { Description = "png (a strip) or npy. Default: from the output's extension." };
            var device = Shared.DeviceOption();
            var output = new Option<string>("--output", "-o") { Description = "Output file.", Required = true };
            var cmd = new Command("interpolate", "Interpolate between two latents into a PNG strip or a .npy array.") { model, from, to, steps, slerp, format, device, output };
            cmd.SetAction(p => console.Guard(() =>
            {
                var k = p.GetValue(steps);
                if (k < 2) throw new ArgumentException("--steps must be at least 2.");
                using var g = GeneratorModel.Load(p.GetValue(model), Shared.Options(p.GetValue(device)));
                var a = Shared.Latent(p.GetValue(from), g.LatentDim);
                var b = Shared.Latent(p.GetValue(to), g.LatentDim);
                var z = new float[k * g.LatentDim];
                for (var i = 0; i < k; i++)
                {
                    var t = (float)i / (k - 1);
                    var dst = z.AsSpan(i * g.LatentDim, g.LatentDim);
                    if (p.GetValue(slerp)) LatentMath.Slerp(a, b, t, dst); else LatentMath.Lerp(a, b, t, dst);
                }
                var path = p.GetValue(output);
                Shared.WriteSamples(g, z, k, k, path, Shared.Format(p.GetValue(format), path));
                console.Out.WriteLine($"wrote a {k}-frame {(p.GetValue(slerp) ? "slerp" : "lerp")} interpolation to {path}");
                return 0;
            }));
            return cmd;
        }
    }
}
