using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using Wasserforge.Latent;
using Wasserforge.Pixels;
using Wasserforge.Training.Loop;

namespace Wasserforge.Cli.Commands
{
    /// <summary>Options and output helpers shared by the generation verbs.</summary>
    static class Shared
    {
        public static Option<string> DeviceOption() =>
            new Option<string>("--device") { Description = "auto, cpu, directml or cuda.", DefaultValueFactory = _ => "auto" };

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
            if (parts.Length != 2 || !int.TryParse(parts[0], out var c) || !int.TryParse(parts[1], out var r) || c < 1 || r < 1)
                throw new ArgumentException($"--grid '{text}' must look like 8x8 (columns x rows).");
            return (c, r);
        }

        public static string Format(string format, string path)
        {
            var f = (format ?? Path.GetExtension(path).TrimStart('.')).ToLowerInvariant();
            if (f != "png" && f != "npy") throw new ArgumentException($"format '{f}' is not png or npy (use --format or an output ending in .png or .npy).");
            return f;
        }

        /// <summary>A latent from a plain seed ("42") or latent text.</summary>
        public static float[] Latent(string text, int dim) =>
            ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seed) ? LatentSampler.Sample(seed, dim) : LatentText.Parse(text, dim);

        /// <summary>Generates <paramref name="n"/> samples and writes a sheet (png) or the raw array (npy).</summary>
        public static void WriteSamples(GeneratorModel g, float[] z, int n, int cols, string path, string format)
        {
            var output = new float[n * g.ValuesPerSample];
            g.Generate(z, n, output);
            if (format == "npy")
            {
                if (g.Description.IsImage) NpyWriter.WriteFile(path, output, n, g.Channels, g.Height, g.Width);
                else NpyWriter.WriteFile(path, output, n, g.Channels);
                return;
            }
            if (!g.Description.IsImage) { SampleWriter.WriteScatter(path, Array.Empty<float>(), output); return; }
            if (g.Width != g.Height) throw new ArgumentException("PNG sheets need square images; use --format npy.");
            SampleWriter.WriteGrid(path, output, n, g.Channels, g.Width, cols);
        }
    }
}
