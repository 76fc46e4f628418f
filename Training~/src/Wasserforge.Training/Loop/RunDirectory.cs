using System;
using System.IO;
using System.Linq;

namespace Wasserforge.Training.Loop
{
    /// <summary>
    /// The layout of <c>results/&lt;run-id&gt;/</c>: the resolved config, the metrics CSV, sample
    /// grids, checkpoints and the exported generator.
    /// </summary>
    public sealed class RunDirectory
    {
        /// <summary>The run's folder.</summary>
        public string Root { get; }
        /// <summary>The run id (the folder's name).</summary>
        public string RunId => Path.GetFileName(Root);
        /// <summary><c>config.yaml</c>: the resolved config.</summary>
        public string ConfigPath => Path.Combine(Root, "config.yaml");
        /// <summary><c>metrics.csv</c>.</summary>
        public string MetricsPath => Path.Combine(Root, "metrics.csv");
        /// <summary><c>swd.csv</c>: sliced Wasserstein distance to the held-out images at each sample step.</summary>
        public string SwdPath => Path.Combine(Root, "swd.csv");
        /// <summary><c>samples/</c>: sample grids <c>step_000200.png</c>.</summary>
        public string SamplesDir => Path.Combine(Root, "samples");
        /// <summary><c>checkpoints/</c>: <c>step_000200/</c> folders.</summary>
        public string CheckpointsDir => Path.Combine(Root, "checkpoints");
        /// <summary><c>data-report.txt</c>: files skipped while loading the dataset, and why.</summary>
        public string DataReportPath => Path.Combine(Root, "data-report.txt");
        /// <summary><c>cache/</c>: the preprocessed dataset.</summary>
        public string CacheDir => Path.Combine(Root, "cache");
        /// <summary>The exported generator, <c>&lt;run-id&gt;.onnx</c>.</summary>
        public string OnnxPath => Path.Combine(Root, RunId + ".onnx");

        /// <summary>Wraps an existing or future run folder.</summary>
        public RunDirectory(string root)
        {
            Root = Path.GetFullPath(root);
        }

        /// <summary>True when the folder holds a run (a config was written).</summary>
        public bool Exists => File.Exists(ConfigPath);

        /// <summary>Creates the folders.</summary>
        public void Create()
        {
            Directory.CreateDirectory(Root);
            Directory.CreateDirectory(SamplesDir);
            Directory.CreateDirectory(CheckpointsDir);
        }

        /// <summary>Deletes everything of a previous run with this id (<c>--force</c>).</summary>
        public void Clear()
        {
            if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        }

        /// <summary>The folder of the checkpoint at <paramref name="step"/>.</summary>
        public string CheckpointPath(long step) => Path.Combine(CheckpointsDir, $"step_{step:D6}");

        /// <summary>The sample grid written at <paramref name="step"/>.</summary>
        public string SamplePath(long step) => Path.Combine(SamplesDir, $"step_{step:D6}.png");

        /// <summary>
        /// The newest complete checkpoint folder, or null when there is none: only folders named exactly
        /// <c>step_</c> + digits that hold both checkpoint files count, by step number; staging and
        /// replaced folders a crash may leave (<c>.step_N.partial</c>, <c>.step_N.replaced</c>, and the
        /// <c>step_N.tmp</c> / <c>step_N.old</c> of older versions) never do.
        /// </summary>
        public string LatestCheckpoint()
        {
            if (!Directory.Exists(CheckpointsDir)) return null;
            return Directory.GetDirectories(CheckpointsDir)
                .Select(d => (path: d, step: StepOf(Path.GetFileName(d))))
                .Where(d => d.step >= 0 && Checkpoints.Checkpoint.IsComplete(d.path))
                .OrderBy(d => d.step)
                .Select(d => d.path)
                .LastOrDefault();
        }

        static long StepOf(string name)
        {
            if (!name.StartsWith("step_", StringComparison.Ordinal) || name.Length == 5) return -1;
            for (var i = 5; i < name.Length; i++) if (name[i] < '0' || name[i] > '9') return -1;
            return long.TryParse(name.Substring(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : -1;
        }
    }
}
