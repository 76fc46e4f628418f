using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Wasserforge.Studio.Monitor
{
    /// <summary>
    /// Reads a training run's folder (<c>results/&lt;ID&gt;/</c>) as it grows: <c>metrics.csv</c>, the newest
    /// sample grid in <c>samples/</c>, and the newest exported <c>*.onnx</c>. Tolerates a run in progress:
    /// a half-written last line is skipped, missing files mean "nothing yet".
    /// </summary>
    public sealed class RunMonitor
    {
        /// <summary>Columns the monitor plots, in <c>metrics.csv</c> order after <c>step</c>.</summary>
        public static readonly string[] Plotted = { "wasserstein", "critic_loss", "gradient_penalty", "generator_loss" };

        /// <summary>Watches <paramref name="runDirectory"/>.</summary>
        /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
        public RunMonitor(string runDirectory)
        {
            Root = Path.GetFullPath(runDirectory);
            if (!Directory.Exists(Root)) throw new DirectoryNotFoundException($"{Root}: no such training run folder (expected results/<run-id>).");
        }

        /// <summary>The run folder.</summary>
        public string Root { get; }
        /// <summary>The run id (the folder's name).</summary>
        public string RunId => Path.GetFileName(Root.TrimEnd(Path.DirectorySeparatorChar));

        /// <summary>Everything the page shows, read now.</summary>
        public RunSnapshot Snapshot()
        {
            var metrics = ReadMetrics(Path.Combine(Root, "metrics.csv"), out var problem);
            var sample = Newest(Path.Combine(Root, "samples"), "*.png");
            var model = Newest(Root, "*.onnx");
            return new RunSnapshot(RunId, metrics, problem,
                sample == null ? null : sample.Name, sample == null ? 0 : sample.LastWriteTimeUtc.Ticks,
                model == null ? null : model.Name);
        }

        /// <summary>The newest sample grid's path, or null.</summary>
        public string NewestSamplePath() => Newest(Path.Combine(Root, "samples"), "*.png")?.FullName;

        /// <summary>The newest exported model's path, or null.</summary>
        public string NewestModelPath() => Newest(Root, "*.onnx")?.FullName;

        static FileInfo Newest(string folder, string pattern)
        {
            if (!Directory.Exists(folder)) return null;
            return new DirectoryInfo(folder).EnumerateFiles(pattern)
                .OrderByDescending(f => f.LastWriteTimeUtc).ThenByDescending(f => f.Name, StringComparer.Ordinal).FirstOrDefault();
        }

        /// <summary>
        /// Parses <c>metrics.csv</c> into series keyed by column name (<c>step</c> plus <see cref="Plotted"/>
        /// and any other numeric column). Rows that are incomplete (a line still being written) are skipped;
        /// a header without <c>step</c> is reported in <paramref name="problem"/>.
        /// </summary>
        public static MetricSeries ReadMetrics(string path, out string problem)
        {
            problem = null;
            var empty = new MetricSeries(Array.Empty<string>(), Array.Empty<double[]>());
            if (!File.Exists(path)) return empty;
            string[] lines;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var reader = new StreamReader(stream))
                lines = reader.ReadToEnd().Split('\n');
            if (lines.Length == 0 || lines[0].Trim().Length == 0) return empty;
            var columns = lines[0].Trim().Split(',').Select(c => c.Trim()).ToArray();
            if (Array.IndexOf(columns, "step") < 0)
            {
                problem = $"{path}: the header has no 'step' column (found: {string.Join(", ", columns)}).";
                return empty;
            }
            var rows = new List<double[]>();
            for (var i = 1; i < lines.Length; i++)
            {
                var cells = lines[i].Trim().Split(',');
                if (cells.Length != columns.Length) continue; // blank or half-written line
                var row = new double[columns.Length];
                var ok = true;
                for (var c = 0; c < cells.Length && ok; c++)
                    ok = double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out row[c]);
                if (ok) rows.Add(row);
            }
            var series = new double[columns.Length][];
            for (var c = 0; c < columns.Length; c++) series[c] = rows.Select(r => r[c]).ToArray();
            return new MetricSeries(columns, series);
        }
    }

    /// <summary>Metric columns and their values (one array per column, one entry per step).</summary>
    public sealed record MetricSeries(IReadOnlyList<string> Columns, IReadOnlyList<double[]> Values);

    /// <summary>What the monitor page draws.</summary>
    public sealed record RunSnapshot(string RunId, MetricSeries Metrics, string MetricsProblem, string Sample, long SampleTicks, string Model);
}
