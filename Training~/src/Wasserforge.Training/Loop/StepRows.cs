using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Wasserforge.Training.Loop
{
    /// <summary>
    /// The rows of a per-step CSV log (<c>metrics.csv</c>, <c>swd.csv</c>: the step is the first column) that a
    /// resumed run keeps: those up to the checkpoint it resumes from. Rows written after that checkpoint by a
    /// run that was then killed are dropped, so no step appears twice once the resumed run writes them again.
    /// </summary>
    static class StepRows
    {
        /// <summary>The header (the first line when it does not start with a step number) and the rows with step ≤ <paramref name="keepUpToStep"/>; nothing when the file does not exist.</summary>
        public static (string header, List<string> rows) UpTo(string path, long keepUpToStep)
        {
            var rows = new List<string>();
            string header = null;
            if (!File.Exists(path)) return (null, rows);
            var first = true;
            foreach (var line in File.ReadAllLines(path))
            {
                var step = StepOf(line);
                if (first && step < 0 && line.Length > 0) header = line;
                else if (step >= 0 && step <= keepUpToStep) rows.Add(line);
                first = false;
            }
            return (header, rows);
        }

        static long StepOf(string line)
        {
            var comma = line.IndexOf(',');
            return comma > 0 && long.TryParse(line.Substring(0, comma), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : -1;
        }
    }
}
