using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Wasserforge.Training.Metrics;

namespace Wasserforge.Training.Loop
{
    /// <summary>
    /// <c>swd.csv</c>: the sliced Wasserstein distance between generated and held-out images at each sample
    /// step, per resolution and averaged (the quality curve of a run). Like <c>metrics.csv</c>, a resumed run
    /// first drops the rows written after the checkpoint it resumes from.
    /// </summary>
    sealed class SwdLog
    {
        readonly string _path;

        /// <summary>Opens the log at <paramref name="path"/>, keeping the rows up to <paramref name="keepUpToStep"/> (0 for a fresh run: none).</summary>
        public SwdLog(string path, long keepUpToStep)
        {
            _path = path;
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
                File.WriteAllText(_path, "step," + string.Join(",", Array.ConvertAll(r.Resolutions, res => $"swd_{res}px")) + ",swd_average\n");
            File.AppendAllText(_path, step.ToString(ci) + "," + string.Join(",", Array.ConvertAll(r.PerLevel, v => v.ToString("F3", ci))) + "," + r.Average.ToString("F3", ci) + "\n");
        }
    }
}
