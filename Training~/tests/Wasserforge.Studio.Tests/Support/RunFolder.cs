using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Wasserforge.Explorer;
using Wasserforge.Tests;

namespace Wasserforge.Studio.Tests.Support
{
    /// <summary>A fake training run folder, <c>results/&lt;ID&gt;/</c>, written the way the trainer writes one.</summary>
    public static class RunFolder
    {
        public const string Header = "step,wasserstein,critic_loss,gradient_penalty,generator_loss,images_per_s,wall_time_s";

        /// <summary>Metric rows for steps from..to (every 10): a falling Wasserstein estimate and plausible losses.</summary>
        public static string Rows(int from, int to)
        {
            var sb = new StringBuilder();
            for (var step = from; step <= to; step += 10)
            {
                var w = 2.0 * Math.Exp(-step / 300.0) + 0.1;
                sb.AppendLine(string.Join(",", new[] { step, w, -w + 0.3, 0.2 * Math.Exp(-step / 200.0), 0.5 * Math.Sin(step / 50.0), 120.5, step * 0.05 }
                    .Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
            }
            return sb.ToString();
        }

        /// <summary>Creates <c>results/run1</c> in <paramref name="dir"/> with metrics for steps 10..400, two sample grids and an exported model.</summary>
        public static string Create(string dir)
        {
            var run = Path.Combine(dir, "results", "run1");
            Directory.CreateDirectory(Path.Combine(run, "samples"));
            File.WriteAllText(Path.Combine(run, "metrics.csv"), Header + "\n" + Rows(10, 400));
            using (var model = GeneratorModel.Load(TestPaths.Fixture("generator_v1_rgb_4x4.onnx")))
            {
                var state = new ExplorerState(model.LatentDim);
                state.SetGrid(4, 4);
                var rgba = new byte[16 * 64];
                model.GenerateRgba32(state.GridLatents(), 16, rgba);
                ExplorerExporter.WriteSheet(rgba, 16, 4, 4, 4, Path.Combine(run, "samples", "step_000400.png"));
            }
            var older = Path.Combine(run, "samples", "step_000200.png");
            Pixels.PngEncoder.WriteFile(older, new byte[8 * 8 * 4], 8, 8, 4);
            File.SetLastWriteTimeUtc(older, DateTime.UtcNow.AddMinutes(-5));
            File.Copy(TestPaths.Fixture("generator_v1_rgb_4x4.onnx"), Path.Combine(run, "run1.onnx"));
            return run;
        }
    }
}
