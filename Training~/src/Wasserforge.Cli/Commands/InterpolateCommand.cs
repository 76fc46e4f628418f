using System;
using System.CommandLine;
using System.Globalization;
using Wasserforge.Latent;

namespace Wasserforge.Cli.Commands
{
    /// <summary>
    /// <c>interpolate MODEL --from S1 --to S2 --steps K [--slerp] [--size WxH] [--noise-seed M] [--format png|npy] [--gap G] [--separate] [--device D] -o PATH</c>:
    /// K frames from one latent to another, both ends included (frame i at t = i / (K − 1)). On a texture model the
    /// walk is over the global code with the local noise fixed (seed M, default 0), so the material changes, not the arrangement.
    /// </summary>
    static class InterpolateCommand
    {
        public static Command Create(CliConsole console)
        {
            var model = new Argument<string>("model") { Description = "Generator .onnx file." };
            var from = new Option<string>("--from") { Description = "Start: a seed, or a latent text (seed:N, seed:N@psi, wf1:…).", Required = true };
            var to = new Option<string>("--to") { Description = "End: a seed or a latent text.", Required = true };
            var steps = new Option<int>("--steps", "-k") { Description = "Frames, including both ends.", DefaultValueFactory = _ => 8 };
            var slerp = new Option<bool>("--slerp") { Description = "Spherical interpolation (keeps latents on the prior's shell; usually better)." };
            var format = Shared.FormatOption("png (a strip)");
            var gap = Shared.GapOption();
            var separate = Shared.SeparateOption("PATH_<frame>.png (animation frames)");
            var size = Shared.SizeOption();
            var noiseSeed = Shared.NoiseSeedOption();
            var device = Shared.DeviceOption();
            var output = Shared.OutputOption();
            var cmd = new Command("interpolate", "Interpolate between two latents into a PNG strip, PNG frames, or a .npy array.")
                { model, from, to, steps, slerp, size, noiseSeed, format, gap, separate, device, output };
            cmd.SetAction(p => console.Guard(() =>
            {
                var k = p.GetValue(steps);
                if (k < 2) throw new ArgumentException("--steps must be at least 2.");
                var path = p.GetValue(output);
                var fmt = Shared.Format(p.GetValue(format), path);
                if (p.GetValue(separate) && fmt != "png") throw new ArgumentException("--separate writes PNG files; drop it or use a .png output.");
                var gapPixels = Shared.Gap(p.GetValue(gap));
                using var g = GeneratorModel.Load(p.GetValue(model), Shared.Options(p.GetValue(device)));
                var shape = Shared.Shape(g, p.GetValue(size), p.GetValue(noiseSeed));
                Shared.CheckLimits(g, shape, k, fmt, p.GetValue(separate), k, gapPixels, "--steps", null);
                var a = Shared.Latent(p.GetValue(from), g.LatentDim);
                var b = Shared.Latent(p.GetValue(to), g.LatentDim);
                var z = new float[k * g.LatentDim];
                for (var i = 0; i < k; i++)
                {
                    var t = (float)i / (k - 1);
                    var dst = z.AsSpan(i * g.LatentDim, g.LatentDim);
                    if (p.GetValue(slerp)) LatentMath.Slerp(a, b, t, dst); else LatentMath.Lerp(a, b, t, dst);
                }
                var digits = (k - 1).ToString(CultureInfo.InvariantCulture).Length;
                Func<int, string> names = p.GetValue(separate) ? i => Shared.Numbered(path, i.ToString("D" + digits, CultureInfo.InvariantCulture)) : null;
                var files = Shared.WriteSamples(g, shape, z, k, k, gapPixels, path, fmt, names, console, i => $"frame {i}");
                var where = files.Length == 1 ? files[0] : $"{files.Length} files ({files[0]} …)";
                console.Out.WriteLine($"wrote a {k}-frame {(p.GetValue(slerp) ? "slerp" : "lerp")} interpolation to {where} [{g.ActiveDevice}]");
                return 0;
            }));
            return cmd;
        }
    }
}
