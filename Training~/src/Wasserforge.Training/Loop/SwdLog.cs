using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Wasserforge.Training.Metrics;

namespace Wasserforge.Training.Loop
{
    /// <summary>
    /// <c>swd.csv</c>: the sliced Wasserstein distance between generated and held-out images at each sample
    /// step, per resolution and averaged (the quality curve of a run), with what it was measured against in the last
    /// column (<see cref="HeldOut"/>, or <see cref="Training"/> for sets too small to hold images out). Like <c>metrics.csv</c>, a resumed run
    /// first drops the rows written after the checkpoint it resumes from.
    /// </summary>
    sealed class SwdLog
    {
        /// <summary>The <c>against</c> value of SWD measured against held-out images.</summary>
        public const string HeldOut = "held-out";
        /// <summary>The <c>against</c> value of SWD measured against the training images (nothing could be held out).</summary>
        public const string Training = "training";

        readonly string _path;

        /// <summary>What the rows are measured against: <see cref="HeldOut"/> or <see cref="Training"/>.</summary>
        public string Against { get; }

        /// <summary>Opens the log at <paramref name="path"/>, keeping the rows up to <paramref name="keepUpToStep"/> (0 for a fresh run: none).</summary>
        public SwdLog(string path, long keepUpToStep, string against = HeldOut)
        {
            _path = path;
            Against = against;
            if (!File.Exists(path)) return;
            var (header, rows) = StepRows.UpTo(path, keepUpToStep);
            if (header == null || rows.Count == 0) File.Delete(path);
            else File.WriteAllText(path, header + "\n" + string.Concat(rows.Select(r => r + "\n")));
        }

        /// <summary>Appends the row of <paramref name="step"/> (the header first, when the file is new).</summary>
        public void Append(long step, SwdResult r)
        {
            var ci = CultureInfo.InvariantCulture;
            if (!File.Exists(_path))
                File.WriteAllText(_path, "step," + string.Join(",", Array.ConvertAll(r.Resolutions, res => $"swd_{res}px")) + ",swd_average,against\n");
            File.AppendAllText(_path, step.ToString(ci) + "," + string.Join(",", Array.ConvertAll(r.PerLevel, v => v.ToString("F3", ci))) + "," + r.Average.ToString("F3", ci) + "," + Against + "\n");
        }
    }
}
