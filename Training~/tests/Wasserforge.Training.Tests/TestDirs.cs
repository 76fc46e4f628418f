using System;
using System.Diagnostics;
using System.IO;

namespace Wasserforge.Training.Tests
{
    static class TestDirs
    {
        public static string New(string prefix = "wf-train-")
        {
            var d = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N").Substring(0, 10));
            Directory.CreateDirectory(d);
            return d;
        }

        /// <summary>Runs Debian's python3 (with onnx, numpy, torch) and returns (exit code, stdout + stderr).</summary>
        public static (int code, string output) Python(string script, params string[] args)
        {
            var file = Path.Combine(Path.GetTempPath(), "wf-" + Guid.NewGuid().ToString("N").Substring(0, 8) + ".py");
            File.WriteAllText(file, script);
            try
            {
                var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
                psi.ArgumentList.Add(file);
                foreach (var a in args) psi.ArgumentList.Add(a);
                using var p = Process.Start(psi);
                var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
                p.WaitForExit();
                return (p.ExitCode, output);
            }
            finally { File.Delete(file); }
        }
    }
}
