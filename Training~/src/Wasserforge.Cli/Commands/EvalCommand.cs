using System;
using System.CommandLine;
using System.IO;
using Wasserforge.Cli.Output;
using Wasserforge.Latent;
using Wasserforge.Training.Config;
using Wasserforge.Training.Data;
using Wasserforge.Training.Metrics;

namespace Wasserforge.Cli.Commands
{
    /// <summary><c>eval MODEL --data DATASET --metric swd|modes [--samples N] [--atlas WxH]</c>.</summary>
    static class EvalCommand
    {
        public static Command Create(CliConsole console)
        {
            var model = new Argument<string>("model") { Description = "Generator .onnx file." };
            var data = new Option<string>("--data") { Description = "Reference data: a toy set (modes), 'procedural', or an image file/folder (swd).", Required = true };
            var metric = new Option<string>("--metric") { Description = "swd (images: ProGAN sliced Wasserstein distance) or modes (toy mixtures).", DefaultValueFactory = _ => "swd" };
            var samples = new Option<int?>("--samples") { Description = "Generated samples (seeds 1..N): default 2500 for modes, 256 for swd (capped by the reference set)." };
            var atlas = new Option<string>("--atlas") { Description = "Slice reference images on this grid, e.g. 32x32." };
            var cmd = new Command("eval", "Measure a generator against a dataset.") { model, data, metric, samples, atlas };
            cmd.SetAction(p => console.Guard(() =>
            {
                var requested = p.GetValue(samples);
                if (requested < 1) throw new ArgumentException($"--samples {requested} must be at least 1.");
                using var g = GeneratorModel.Load(p.GetValue(model));
                switch (p.GetValue(metric))
                {
                    case "modes":
                    {
                        var toy = ToyDataset.Create(p.GetValue(data));
                        if (toy?.Centres == null) throw new ArgumentException($"--data '{p.GetValue(data)}': the modes metric needs 8gaussians or 25gaussians.");
                        if (g.Description.IsImage || g.Channels != 2)
                            throw new ArgumentException($"{g.Source} makes {What(g)}, but the modes metric counts 2-D points near the centres of {p.GetValue(data)}; " +
                                "evaluate a model trained on that toy set, or this one with --metric swd and its image data.");
                        var n = requested ?? 2500;
                        var points = Generate(g, n);
                        console.Out.WriteLine($"{p.GetValue(data)}: {ModeCoverage.Score(points, toy.Centres, toy.ComponentStd)}");
                        return 0;
                    }
                    case "swd":
                    {
                        if (!g.Description.IsImage || g.Width != g.Height) throw new ArgumentException($"{g.Source} makes {What(g)}; swd compares square images (use --metric modes for a toy-set model).");
                        if (ToyDataset.Create(p.GetValue(data)) != null) throw new ArgumentException($"--data '{p.GetValue(data)}' is a toy set of 2-D points; swd needs images (a folder or file of images, or 'procedural').");
                        if (g.Width < 16) throw new ArgumentException($"swd needs images of at least 16 px; this model makes {g.Width} px.");
                        var reference = Reference(p.GetValue(data), p.GetValue(atlas), g);
                        var n = Math.Min(requested ?? 256, reference.Count);
                        var real = new float[n * g.ValuesPerSample];
                        for (var i = 0; i < n; i++) reference.Image(i).CopyTo(real.AsSpan(i * g.ValuesPerSample));
                        var r = SlicedWasserstein.Compute(Generate(g, n), real, n, g.Channels, g.Width);
                        console.Out.WriteLine($"{p.GetValue(data)} ({n} images): {r}");
                        return 0;
                    }
                    default:
                        throw new ArgumentException($"--metric '{p.GetValue(metric)}' is not swd or modes.");
                }
            }));
            return cmd;
        }

        static string What(GeneratorModel g) => g.Description.IsImage ? $"{g.Width}x{g.Height} images with {g.Channels} channels" : $"{g.Channels}-D points";

        static float[] Generate(GeneratorModel g, int n)
        {
            new GenerationLimits(g.LatentDim, g.ValuesPerSample, g.Width, g.Height).Check(n, OutputLayout.Floats, _ => 1, 0, "--samples");
            var seeds = new ulong[n];
            for (var i = 0; i < n; i++) seeds[i] = (ulong)(i + 1);
            var z = new float[n * g.LatentDim];
            LatentSampler.SampleBatch(seeds, g.LatentDim, z);
            return Shared.Generate(g, Shared.Shape(g, null, null), z, n, null, k => $"sample {k} (seed {k + 1})");
        }

        static ImageDataset Reference(string source, string atlas, GeneratorModel g)
        {
            if (source == "procedural") return ProceduralTextures.Create(512, g.Width, 999);
            return ImageFolderLoader.Load(source, new DataConfig { Size = g.Width, Channels = g.Channels, Atlas = atlas }, null, TextWriter.Null);
        }
    }
}
