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
    /// <summary><c>eval MODEL --data DATASET --metric swd|modes [--samples N] [--atlas WxH] [--floor]</c>.</summary>
    static class EvalCommand
    {
        public static Command Create(CliConsole console)
        {
            var model = new Argument<string>("model") { Description = "Generator .onnx file." };
            var data = new Option<string>("--data") { Description = "Reference data: a toy set (modes), 'materials' or 'procedural', or an image file/folder (swd).", Required = true };
            var metric = new Option<string>("--metric") { Description = "swd (images: ProGAN sliced Wasserstein distance) or modes (toy mixtures).", DefaultValueFactory = _ => "swd" };
            var samples = new Option<int?>("--samples") { Description = "Generated samples (seeds 1..N): default 2500 for modes, 256 for swd (capped by the reference set)." };
            var atlas = new Option<string>("--atlas") { Description = "Slice reference images on this grid, e.g. 32x32." };
            var floor = new Option<bool>("--floor") { Description = "swd: also print the real-vs-real floor, the SWD between the reference images and as many other real images (what a perfect generator would score)." };
            var cmd = new Command("eval", "Measure a generator against a dataset.") { model, data, metric, samples, atlas, floor };
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
                        if (ToyDataset.Create(p.GetValue(data)) != null) throw new ArgumentException($"--data '{p.GetValue(data)}' is a toy set of 2-D points; swd needs images (a folder or file of images, or 'materials' or 'procedural').");
                        if (g.Width < 16) throw new ArgumentException($"swd needs images of at least 16 px; this model makes {g.Width} px.");
                        var withFloor = p.GetValue(floor);
                        var reference = Reference(p.GetValue(data), p.GetValue(atlas), g, withFloor ? 2 * (requested ?? 256) : 512);
                        // With --floor the reference is split in two disjoint halves (shuffled, so an atlas's rows mix):
                        // the samples are compared with the first, the first with the second.
                        var order = withFloor ? Shuffled(reference.Count) : null;
                        var n = Math.Min(requested ?? 256, withFloor ? reference.Count / 2 : reference.Count);
                        if (withFloor && n < SlicedWasserstein.MinimumImages)
                            throw new ArgumentException($"--floor needs at least {2 * SlicedWasserstein.MinimumImages} reference images (two disjoint sets of {SlicedWasserstein.MinimumImages}); {p.GetValue(data)} has {reference.Count}.");
                        var real = Images(reference, order, 0, n, g.ValuesPerSample);
                        var r = SlicedWasserstein.Compute(Generate(g, n), real, n, g.Channels, g.Width);
                        console.Out.WriteLine($"{p.GetValue(data)} ({n} images): {r}");
                        if (withFloor)
                        {
                            var f = SlicedWasserstein.Compute(Images(reference, order, n, n, g.ValuesPerSample), real, n, g.Channels, g.Width);
                            console.Out.WriteLine($"real-vs-real floor ({n} other real images vs the same {n}): {f}");
                            console.Out.WriteLine($"gap to the floor: {r.Average - f.Average:F2} (SWD x1e3, lower is better; 0 is as close as two real sets)");
                        }
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

        static int[] Shuffled(int count)
        {
            var order = new int[count];
            for (var i = 0; i < count; i++) order[i] = i;
            var rng = new Xoshiro256(4242);
            for (var i = count - 1; i > 0; i--) { var j = rng.NextInt(i + 1); (order[i], order[j]) = (order[j], order[i]); }
            return order;
        }

        /// <summary><paramref name="n"/> images of <paramref name="set"/> from position <paramref name="start"/> of <paramref name="order"/> (null: in file order) as NCHW floats.</summary>
        static float[] Images(ImageDataset set, int[] order, int start, int n, int per)
        {
            var real = new float[n * per];
            for (var i = 0; i < n; i++) set.Image(order == null ? start + i : order[start + i]).CopyTo(real.AsSpan(i * per));
            return real;
        }

        static ImageDataset Reference(string source, string atlas, GeneratorModel g, int proceduralCount)
        {
            DatasetRegistry.CheckNotShadowed(source, Directory.GetCurrentDirectory());
            if (ProceduralTextures.TryGetPalette(source, out var palette)) return ProceduralTextures.Create(Math.Max(512, proceduralCount), g.Width, ProceduralTextures.ReferenceSeed, palette);
            return ImageFolderLoader.Load(source, new DataConfig { Size = g.Width, Channels = g.Channels, Atlas = atlas }, null, TextWriter.Null);
        }
    }
}
