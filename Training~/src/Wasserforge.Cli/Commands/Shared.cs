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

        public static Option<string> SizeOption() =>
            new Option<string>("--size") { Description = "Texture models: output size WxH in pixels (e.g. 1024x1024, or 1024), multiples of the model's noise scale. Default: its training crop." };

        public static Option<ulong?> NoiseSeedOption() =>
            new Option<ulong?>("--noise-seed") { Description = "Texture models: seed of the local noise, the same for every image (default 0, as in the explorer); --seed picks the material." };

        /// <summary>
        /// What each image is for <paramref name="g"/>: its own size, or for a texture model <paramref name="size"/>
        /// (WxH or one number for a square) and <paramref name="noiseSeed"/>.
        /// </summary>
        /// <exception cref="ArgumentException">--size or --noise-seed on a model that is not a texture model, a malformed --size, or a size the model does not make (the message names the nearest valid ones).</exception>
        public static SampleShape Shape(GeneratorModel g, string size, ulong? noiseSeed)
        {
            if (!g.IsTexture)
            {
                if (size != null || noiseSeed != null)
                    throw new ArgumentException($"{(size != null ? "--size" : "--noise-seed")} needs a texture model; {g.Source} makes {(g.Description.IsImage ? $"{g.Width}x{g.Height} images" : "points")} only (wasserforge.kind '{g.Description.Kind}').");
                return new SampleShape(g.Width, g.Height, g.ValuesPerSample, null);
            }
            int w = g.Width, h = g.Height;
            if (size != null)
            {
                var parts = size.ToLowerInvariant().Split('x');
                if (parts.Length > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out w) ||
                    !int.TryParse(parts[parts.Length - 1], NumberStyles.None, CultureInfo.InvariantCulture, out h))
                    throw new ArgumentException($"--size '{size}' must look like 1024x1024 (width x height in pixels) or 1024.");
                var problem = g.TextureSizeProblem(w, h);
                if (problem != null) throw new ArgumentException($"--size {size}: {problem}");
            }
            return new SampleShape(w, h, (long)g.Channels * w * h, noiseSeed ?? Contract.ModelContract.DefaultNoiseSeed);
        }

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

        /// <summary>
        /// The output format, from --format or the output's extension; refuses an output that is a folder or
        /// a device before any work is done (the write itself would refuse it too, after generating).
        /// </summary>
        public static string Format(string format, string path)
        {
            CheckOutput(path);
            var f = (format ?? Path.GetExtension(path).TrimStart('.')).ToLowerInvariant();
            if (f != "png" && f != "npy") throw new ArgumentException($"format '{f}' is not png or npy (use --format or an output ending in .png or .npy).");
            return f;
        }

        /// <summary>Refuses an -o that names a folder (with an example of a file name in it) or a device, FIFO or socket.</summary>
        /// <exception cref="ArgumentException">The output is not a file path.</exception>
        public static void CheckOutput(string path)
        {
            if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("-o needs a file name, e.g. -o samples.png.");
            var full = Path.GetFullPath(path);
            var target = OutputTarget.Resolve(full, out var kind, out var what);
            if (kind == OutputTarget.Kind.Folder)
                throw new ArgumentException($"-o {path} is a folder; give a file name in it, e.g. -o {Path.Combine(path, "samples.png")} (with --separate each image is named after it: samples_<seed>.png).");
            if (kind == OutputTarget.Kind.Special)
                throw new ArgumentException($"-o {path}{(target == full ? "" : " (a link to " + target + ")")} is a {what}, not a file; outputs are written to regular files only.");
            var blocker = OutputTarget.FileInTheWay(target);
            if (blocker != null) throw new ArgumentException($"-o {path}: {blocker} is a file, not a folder, so nothing can be written below it.");
        }

        /// <summary>Refuses a negative --gap before any work is done.</summary>
        public static int Gap(int gap) => gap >= 0 ? gap : throw new ArgumentException($"--gap {gap} must be 0 or more.");

        /// <summary>
        /// Refuses, before anything is allocated, <paramref name="n"/> samples of <paramref name="g"/> written as
        /// <paramref name="format"/> (a sheet of <paramref name="cols"/> columns, 0 = near-square) when they do not
        /// fit in memory (see <see cref="GenerationLimits"/>).
        /// </summary>
        /// <exception cref="ArgumentException">Too many samples (or too wide a gap); the message says the limit and why.</exception>
        public static void CheckLimits(GeneratorModel g, SampleShape shape, long n, string format, bool separate, int cols, int gap, string countOption, string advice)
        {
            var layout = format == "npy" ? OutputLayout.Npy : !g.Description.IsImage ? OutputLayout.Scatter : separate ? OutputLayout.Separate : OutputLayout.Sheet;
            if (shape.Values > GenerationLimits.MaxArray)
                throw new ArgumentException($"one {shape.Width}x{shape.Height} image is {shape.Values} floats, more than one array holds ({GenerationLimits.MaxArray} values).");
            new GenerationLimits(g.LatentDim, (int)shape.Values, shape.Width, shape.Height)
                .Check(n, layout, count => cols > 0 ? cols : (long)Math.Ceiling(Math.Sqrt(count)), gap, countOption, advice);
        }

        /// <summary>A latent from a plain seed ("42") or latent text (seed:N, seed:N@ψ, wf1:…).</summary>
        public static float[] Latent(string text, int dim) =>
            ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seed) ? LatentSampler.Sample(seed, dim) : LatentText.Parse(text, dim);

        /// <summary>
        /// Runs the model on <paramref name="n"/> latents, <see cref="Batch"/> at a time, into NCHW floats;
        /// on a terminal, large runs show a progress bar. <paramref name="label"/> names sample k in errors
        /// (e.g. "seed 42").
        /// </summary>
        /// <exception cref="WasserforgeException">The model produced NaN or an infinity: it is broken, and nothing is returned.</exception>
        public static float[] Generate(GeneratorModel g, SampleShape shape, float[] z, int n, CliConsole console, Func<int, string> label = null)
        {
            // A texture is generated one at a time (in tiles), so a few large ones show progress too.
            var batch = shape.NoiseSeed == null ? Batch : 1;
            if (console == null || !console.Interactive || n * shape.Values <= Batch * g.ValuesPerSample) return Generate(g, shape, batch, z, n, (Action<int>)null, label);
            float[] result = null;
            AnsiConsole.Progress().AutoClear(true).Start(ctx =>
            {
                var task = ctx.AddTask($"generating {n} {(shape.NoiseSeed == null ? "samples" : $"{shape.Width}x{shape.Height} textures")}", maxValue: n);
                result = Generate(g, shape, batch, z, n, done => task.Value = done, label);
            });
            return result;
        }

        static float[] Generate(GeneratorModel g, SampleShape shape, int batchSize, float[] z, int n, Action<int> progress, Func<int, string> label)
        {
            var values = (int)shape.Values;
            var output = new float[checked(n * values)];
            for (var start = 0; start < n; start += batchSize)
            {
                var m = Math.Min(batchSize, n - start);
                var batch = output.AsSpan(start * values, m * values);
                var latents = z.AsSpan(start * g.LatentDim, m * g.LatentDim);
                if (shape.NoiseSeed is ulong noiseSeed) g.GenerateTexture(latents, noiseSeed, shape.Width, shape.Height, batch);
                else g.Generate(latents, m, batch);
                RequireFinite(g, values, batch, start, label);
                progress?.Invoke(start + m);
            }
            return output;
        }

        // A diverged generator outputs NaN, which PixelConverter would turn into black pixels without a word.
        static void RequireFinite(GeneratorModel g, int values, ReadOnlySpan<float> batch, int first, Func<int, string> label)
        {
            for (var i = 0; i < batch.Length; i++)
            {
                if (float.IsFinite(batch[i])) continue;
                var k = first + i / values;
                var which = label != null ? label(k) : "sample " + k;
                var value = float.IsNaN(batch[i]) ? "NaN" : "an infinite value";
                throw new WasserforgeException($"{g.Source}: the generator output {value} for {which}, so its images would be black or garbage; nothing was written. " +
                    "The model is broken (usually a training run that diverged): export an earlier checkpoint or train again.");
            }
        }

        /// <summary>
        /// Generates <paramref name="n"/> samples and writes them: npy = the raw floats [N, C, H, W]
        /// (or [N, D] for a point generator); png = a sheet of <paramref name="cols"/> columns, or with
        /// <paramref name="names"/> one file per image. Returns the files written.
        /// </summary>
        public static string[] WriteSamples(GeneratorModel g, SampleShape shape, float[] z, int n, int cols, int gap, string path, string format, Func<int, string> names, CliConsole console = null, Func<int, string> label = null)
        {
            var output = Generate(g, shape, z, n, console, label);
            int width = shape.Width, height = shape.Height;
            if (format == "npy")
            {
                if (g.Description.IsImage) NpyWriter.WriteFile(path, output, n, g.Channels, height, width);
                else NpyWriter.WriteFile(path, output, n, g.Channels);
                return new[] { path };
            }
            if (!g.Description.IsImage)
            {
                if (g.Channels != 2) throw new ArgumentException($"{g.Source}: a {g.Channels}-D point generator has no PNG form; use --format npy.");
                SampleWriter.WriteScatter(path, Array.Empty<float>(), output);
                return new[] { path };
            }
            var rgba = new byte[checked(n * width * height * 4)];
            PixelConverter.ToRgba32(output, n, g.Channels, width, height, rgba, false, g.Description.ValueMin, g.Description.ValueMax);
            if (names != null)
            {
                var files = new string[n];
                var cell = width * height * 4;
                for (var k = 0; k < n; k++)
                {
                    files[k] = names(k);
                    PngEncoder.WriteFile(files[k], rgba.AsSpan(k * cell, cell), width, height, 4);
                }
                return files;
            }
            var (sheet, w, h) = ImageSheet.Compose(rgba, n, width, height, cols, gap, g.Channels == 4);
            PngEncoder.WriteFile(path, sheet, w, h, 4);
            return new[] { path };
        }

        /// <summary>
        /// What one generated image is: <paramref name="Width"/> × <paramref name="Height"/> with
        /// <paramref name="Values"/> floats; <paramref name="NoiseSeed"/> is set for a texture model's
        /// <c>GenerateTexture</c> path and null for the model's own <c>Generate</c>.
        /// </summary>
        public sealed record SampleShape(int Width, int Height, long Values, ulong? NoiseSeed);

        /// <summary><c>dir/name.png</c> → <c>dir/name_SUFFIX.png</c>.</summary>
        public static string Numbered(string path, string suffix)
        {
            var dir = Path.GetDirectoryName(path) ?? "";
            var ext = Path.GetExtension(path);
            return Path.Combine(dir, Path.GetFileNameWithoutExtension(path) + "_" + suffix + (ext.Length > 0 ? ext : ".png"));
        }
    }
}
