using System;
using System.Collections.Generic;
using System.Linq;
using Wasserforge.Training.Loop;

namespace Wasserforge.Cli.Stopping
{
    /// <summary>
    /// The command that continues a stopped run, as the user would type it in the same folder: the config and
    /// run id, every option of this invocation that a resume needs again (<c>--results</c> when not the default,
    /// <c>--device</c>, <c>--steps</c>), and <c>--resume</c>; arguments quoted for the shell where needed.
    /// </summary>
    static class ResumeHint
    {
        /// <summary>The command line for <paramref name="options"/>; <paramref name="defaultResults"/> is --results' default.</summary>
        public static string For(TrainOptions options, string defaultResults)
        {
            var args = new List<string> { "wasserforge", "train", options.ConfigPath, "--run-id", options.RunId };
            if (options.ResultsRoot != defaultResults) args.AddRange(new[] { "--results", options.ResultsRoot });
            if (options.Device != null) args.AddRange(new[] { "--device", options.Device });
            if (options.Steps.HasValue) args.AddRange(new[] { "--steps", options.Steps.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            args.Add("--resume");
            return string.Join(" ", args.Select(Quote));
        }

        /// <summary>
        /// <paramref name="arg"/> as one shell word: as it is when it holds only safe characters; otherwise in
        /// single quotes for POSIX shells (a quote inside as <c>'\''</c>) or double quotes on Windows (cmd and PowerShell).
        /// </summary>
        public static string Quote(string arg)
        {
            var safe = OperatingSystem.IsWindows() ? "-_./:=@%+,\\" : "-_./:=@%+,";
            if (arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) && c < 128 || safe.IndexOf(c) >= 0)) return arg;
            return OperatingSystem.IsWindows() ? "\"" + arg.Replace("\"", "\\\"") + "\"" : "'" + arg.Replace("'", "'\\''") + "'";
        }
    }
}
