using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Wasserforge.Cli.Tests
{
    /// <summary>
    /// A real <c>wasserforge</c> process (the CLI's dll, which the build copies next to these tests, under
    /// <c>dotnet</c>) with its output on pipes. Standard output is read only when the test asks for lines, so
    /// while the test waits the process can run ahead at most as far as the pipe holds (Linux: 64 KiB) before
    /// its next line blocks: a test that stops reading at step K knows the run cannot pass step K + 64 KiB
    /// / (bytes per line), however loaded the machine is. That is what lets these tests signal a run "during
    /// training" without a clock.
    /// </summary>
    sealed class TrainProcess : IDisposable
    {
        readonly Process _p;
        readonly StringBuilder _err = new StringBuilder();
        readonly List<string> _lines = new List<string>();

        /// <summary>The CLI's dll beside the test assembly.</summary>
        public static string Dll => Path.Combine(AppContext.BaseDirectory, "wasserforge.dll");

        /// <summary>The dotnet host running these tests (the SDK sets DOTNET_HOST_PATH), else dotnet from PATH.</summary>
        public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";

        public TrainProcess(string workingDirectory, params string[] args)
        {
            var psi = new ProcessStartInfo(Dotnet)
            {
                WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            psi.ArgumentList.Add(Dll);
            foreach (var a in args) psi.ArgumentList.Add(a);
            _p = Process.Start(psi);
            _p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_err) _err.AppendLine(e.Data); };
            _p.BeginErrorReadLine();
        }

        public int Id => _p.Id;

        /// <summary>Every line of standard output read so far.</summary>
        public IReadOnlyList<string> Lines => _lines;

        public string Error { get { lock (_err) return _err.ToString(); } }

        /// <summary>Reads lines until one satisfies <paramref name="wanted"/> (returned) or the output ends (null).</summary>
        public string ReadUntil(Func<string, bool> wanted)
        {
            string line;
            while ((line = _p.StandardOutput.ReadLine()) != null)
            {
                _lines.Add(line);
                if (wanted(line)) return line;
            }
            return null;
        }

        /// <summary>Reads the rest of the output and waits for the exit; returns the exit code.</summary>
        public int Finish()
        {
            ReadUntil(_ => false);
            _p.WaitForExit();
            return _p.ExitCode;
        }

        /// <summary>Sends <paramref name="signal"/> (a POSIX number: 2 SIGINT, 9 SIGKILL, 15 SIGTERM).</summary>
        public void Signal(int signal)
        {
            if (kill(_p.Id, signal) != 0) throw new InvalidOperationException($"kill({_p.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        [DllImport("libc", SetLastError = true)]
        static extern int kill(int pid, int sig);

        public void Dispose()
        {
            if (!_p.HasExited) { _p.Kill(); _p.WaitForExit(); }
            _p.Dispose();
        }
    }
}
