using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using Spectre.Console;
using Wasserforge.Cli.Output;
using Wasserforge.Latent;
using Wasserforge.Pixels;
using Wasserforge.Training.Loop;

namespace Wasserforge.Cli.Commands
{
    /// <summary>Options and output helpers shared by the generation verbs (sample, interpolate).</summary>
    static class Shared
    {
        /// <summary>Samples generated per model call: bounds memory for large counts.</summary>
        const int Batch = 64;

        public static Option<string> DeviceOption() =>
            new Option<string>("--device") { Description = "auto, cpu, directml or cuda.", DefaultValueFactory = _ => "auto" };

        public static Option<string> FormatOption(string png) =>
            new Option<string>("--format") { Description = png + " or npy (the raw NCHW floats). Default: from the output's extension." };

        public static Option<int> GapOption() =>
            new Option<int>("--gap") { Description = "Pixels between and around cells of a PNG sheet (0 = a sprite atlas).", DefaultValueFactory = _ => 1 };

        public static Option<bool> SeparateOption(string naming) =>
            new Option<bool>("--separate") { Description = "One PNG per image instead of a sheet, named " + naming + "." };

        public static Option<string> OutputOption() =>
            new Option<string>("--output", "-o") { Description = "Output file (.png or .npy).", Required = true };

        public static GeneratorOptions Options(string device)
        {
            var d = (device ?? "auto").ToLowerInvariant() switch
            {
                "auto" => ExecutionDevice.Auto,
                "cpu" => ExecutionDevice.Cpu,
                "directml" or "dml" => ExecutionDevice.DirectML,
                "cuda" => ExecutionDevice.Cuda,
                _ => throw new ArgumentException($"--device '{device}' is not one of auto, cpu, directml, cuda."),
            };
            return new GeneratorOptions { Device = d };
        }

        public static (int cols, int rows) ParseGrid(string text)
        {
            if (string.IsNullOrEmpty(text)) return (0, 0);
            var parts = text.ToLowerInvariant().Split('x');
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var c) ||
                !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var r) || c < 1 || r < 1)
                throw new ArgumentException($"--grid '{text}' must look like 8x8 (columns x rows).");
            return (c, r);
        }

        public static string Format(string format, string path)
        {
            var f = (format ?? Path.GetExtension(path).TrimStart('.')).ToLowerInvariant();
            if (f != "png" && f != "npy") throw new ArgumentException($"format '{f}' is not png or npy (use --format or an output ending in .png or .npy).");
            return f;
        }

        /// <summary>A latent from a plain seed ("42") or latent text (seed:N, seed:N@ψ, wf1:…).</summary>
        public static float[] Latent(string text, int dim) =>
            ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seed) ? LatentSampler.Sample(seed, dim) : LatentText.Parse(text, dim);

        /// <summary>
        /// Runs the model on <paramref name="n"/> latents, <see cref="Batch"/> at a time, into NCHW floats;
        /// on a terminal, large runs show a progress bar.
        /// </summary>
        public static float[] Generate(GeneratorModel g, float[] z, int n, CliConsole console)
        {
            if (console == null || !console.Interactive || n <= Batch) return Generate(g, z, n, (Action<int>)null);
            float[] result = null;
            AnsiConsole.Progress().AutoClear(true).Start(ctx =>
            {
                var task = ctx.AddTask($"generating {n} samples", maxValue: n);
                result = Generate(g, z, n, done => task.Value = done);
            });
            return result;
        }

        static float[] Generate(GeneratorModel g, float[] z, int n, Action<int> progress)
        {
            var output = new float[checked(n * g.ValuesPerSample)];
            for (var start = 0; start < n; start += Batch)
            {
                var m = Math.Min(Batch, n - start);
                g.Generate(z.AsSpan(start * g.LatentDim, m * g.LatentDim), m, output.AsSpan(start * g.ValuesPerSample, m * g.ValuesPerSample));
                progress?.Invoke(start + m);
            }
            return output;
        }

        /// <summary>
        /// Generates <paramref name="n"/> samples and writes them: npy = the raw floats [N, C, H, W]
        /// (or [N, D] for a point generator); png = a sheet of <paramref name="cols"/> columns, or with
        /// <paramref name="names"/> one file per image. Returns the files written.
        /// </summary>
        public static string[] WriteSamples(GeneratorModel g, float[] z, int n, int cols, int gap, string path, string format, Func<int, string> names, CliConsole console = null)
        {
            var output = Generate(g, z, n, console);
            if (format == "npy")
            {
                if (g.Description.IsImage) NpyWriter.WriteFile(path, output, n, g.Channels, g.Height, g.Width);
                else NpyWriter.WriteFile(path, output, n, g.Channels);
                return new[] { path };
            }
            if (!g.Description.IsImage)
            {
                if (g.Channels != 2) throw new ArgumentException($"{g.Source}: a {g.Channels}-D point generator has no PNG form; use --format npy.");
                SampleWriter.WriteScatter(path, Array.Empty<float>(), output);
                return new[] { path };
            }
            var rgba = new byte[checked(n * g.Width * g.Height * 4)];
            PixelConverter.ToRgba32(output, n, g.Channels, g.Width, g.Height, rgba, false, g.Description.ValueMin, g.Description.ValueMax);
            if (names != null)
            {
                var files = new string[n];
                var cell = g.Width * g.Height * 4;
                for (var k = 0; k < n; k++)
                {
                    files[k] = names(k);
                    PngEncoder.WriteFile(files[k], rgba.AsSpan(k * cell, cell), g.Width, g.Height, 4);
                }
                return files;
            }
            var (sheet, w, h) = ImageSheet.Compose(rgba, n, g.Width, g.Height, cols, gap, g.Channels == 4);
            PngEncoder.WriteFile(path, sheet, w, h, 4);
            return new[] { path };
        }

        /// <summary><c>dir/name.png</c> → <c>dir/name_SUFFIX.png</c>.</summary>
        public static string Numbered(string path, string suffix)
        {
            var dir = Path.GetDirectoryName(path) ?? "";
            var ext = Path.GetExtension(path);
            return Path.Combine(dir, Path.GetFileNameWithoutExtension(path) + "_" + suffix + (ext.Length > 0 ? ext : ".png"));
        }
    }
}
