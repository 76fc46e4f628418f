using System;
using System.CommandLine;
using Wasserforge.Latent;
using Wasserforge.Training.Data;
using Wasserforge.Training.Metrics;

namespace Wasserforge.Cli.Commands
{
    /// <summary><c>eval MODEL --data DATASET --metric modes [--samples N]</c>.</summary>
    static class EvalCommand
    {
        public static Command Create(CliConsole console)
        {
            var model = new Argument<string>("model") { Description = "Generator .onnx file." };
            var data = new Option<string>("--data") { Description = "Reference dataset (a toy set for 'modes').", Required = true };
            var metric = new Option<string>("--metric") { Description = "modes (toy mixtures: modes captured, % high quality).", DefaultValueFactory = _ => "modes" };
            var samples = new Option<int>("--samples") { Description = "Samples to draw (seeds 1..N).", DefaultValueFactory = _ => 2500 };
            var cmd = new Command("eval", "Measure a generator against a dataset.") { model, data, metric, samples };
            cmd.SetAction(p => console.Guard(() =>
            {
                if (p.GetValue(metric) != "modes") throw new ArgumentException($"--metric '{p.GetValue(metric)}' is not available; use modes.");
                var toy = ToyDataset.Create(p.GetValue(data));
                if (toy?.Centres == null) throw new ArgumentException($"--data '{p.GetValue(data)}': the modes metric needs 8gaussians or 25gaussians.");
                using var g = GeneratorModel.Load(p.GetValue(model));
                var n = p.GetValue(samples);
                var seeds = new ulong[n];
                for (var i = 0; i < n; i++) seeds[i] = (ulong)(i + 1);
                var z = new float[n * g.LatentDim];
                LatentSampler.SampleBatch(seeds, g.LatentDim, z);
                var points = new float[n * g.ValuesPerSample];
                g.Generate(z, n, points);
                var r = ModeCoverage.Score(points, toy.Centres, toy.ComponentStd);
                console.Out.WriteLine($"{p.GetValue(data)}: {r}");
                return 0;
            }));
            return cmd;
        }
    }
}
