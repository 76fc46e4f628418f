using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using NUnit.Framework;

namespace Wasserforge.Cli.Tests
{
    /// <summary>
    /// On a terminal, <c>train</c> draws a progress bar with the cursor hidden. However the run ends (Ctrl-C,
    /// SIGTERM, an error) the cursor is shown again before the process exits. A real process on a pseudo-
    /// terminal (Python's pty module) is stopped once its display has hidden the cursor; the test reads
    /// every byte the terminal received.
    /// </summary>
    [NonParallelizable]
    public class TerminalStateTests
    {
        const string Hide = "\u001b[?25l", Show = "\u001b[?25h";

        // Runs the CLI on a pty; sends the signal (0: none) when the cursor is first hidden; writes what the
        // terminal got to argv[2] and prints the exit code.
        // The child gets SIGINT and SIGTERM at their default dispositions: a test run started in the background
        // by a shell without job control (CI scripts, `cmd &`) inherits SIGINT *ignored*, exec keeps it ignored,
        // and .NET then never handles it (POSIX: background jobs ignore the terminal's Ctrl-C), so the run would
        // never stop. A child that outlives its signal by ten minutes (a hang detector, not a timing assumption)
        // is killed and reported as 'not stopped', so such a bug fails the test instead of hanging the suite.
        const string PtyScript = @"
import os, pty, select, signal, sys, time
sig, out_path, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    os.environ['TERM'] = 'xterm-256color'
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.execv(cmd[0], cmd)
data, sent_at = b'', None
while True:
    if sent_at is not None and time.monotonic() - sent_at > 600:
        os.kill(pid, signal.SIGKILL)
        data += b'\n[not stopped by the signal within ten minutes]\n'
        sent_at = float('inf')
    ready, _, _ = select.select([fd], [], [], 1.0)
    if not ready: continue
    try: chunk = os.read(fd, 4096)
    except OSError: break
    if not chunk: break
    data += chunk
    if sig and sent_at is None and b'\x1b[?25l' in data:
        os.kill(pid, sig); sent_at = time.monotonic()
_, status = os.waitpid(pid, 0)
open(out_path, 'wb').write(data)
print(os.waitstatus_to_exitcode(status))
";

        string _dir;

        [SetUp]
        public void Dir()
        {
            if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/python3")) Assert.Ignore("needs Linux and python3 (pty)");
            _dir = Path.Combine(Path.GetTempPath(), "wf-tty-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(_dir);
        }

        [TearDown] public void Clean() { if (_dir != null) Directory.Delete(_dir, true); }

        (int code, string terminal) OnATerminal(int signal, params string[] args)
        {
            File.WriteAllText(Path.Combine(_dir, "on_a_tty.py"), PtyScript);
            var psi = new ProcessStartInfo("/usr/bin/python3") { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "on_a_tty.py", signal.ToString(), "terminal.bin", TrainProcess.Dotnet, TrainProcess.Dll }) psi.ArgumentList.Add(a);
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi);
            var error = p.StandardError.ReadToEndAsync();
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            Assert.That(p.ExitCode, Is.EqualTo(0), error.Result);
            var terminal = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(_dir, "terminal.bin")));
            return (int.Parse(output.Trim()), terminal);
        }

        static void AssertCursorShownAtTheEnd(string terminal)
        {
            var hidden = terminal.LastIndexOf(Hide, StringComparison.Ordinal);
            Assert.That(hidden, Is.GreaterThanOrEqualTo(0), "the progress display hid the cursor (so this test checks something)");
            Assert.That(terminal.IndexOf(Show, hidden, StringComparison.Ordinal), Is.GreaterThan(hidden), "and it was shown again after the last hide");
        }

        // 2-D toy data and far more steps than could run before the signal: it always lands during the run.
        const string Endless = "data: { source: 8gaussians }\nmodel: { kind: mlp, latent_dim: 2, width: 8, depth: 2 }\n" +
                               "training: { steps: 100000000, batch_size: 16, log_every: 1, threads: 1 }\n";

        [TestCase(15, 143, "SIGTERM")]
        [TestCase(2, 130, "Ctrl-C")]
        public void AStopSignalLeavesTheCursorVisible(int signal, int exitCode, string name)
        {
            File.WriteAllText(Path.Combine(_dir, "endless.yaml"), Endless);
            var (code, terminal) = OnATerminal(signal, "train", "endless.yaml", "--run-id", "tty");
            Assert.That(code, Is.EqualTo(exitCode), terminal);
            Assert.That(terminal, Does.Contain($"stopped by {name} at step"));
            AssertCursorShownAtTheEnd(terminal);
        }

        [Test]
        public void AnErrorUnderTheProgressDisplayLeavesTheCursorVisible()
        {
            File.WriteAllText(Path.Combine(_dir, "missing.yaml"), "data: { source: no-such-folder, size: 16 }\nmodel: { latent_dim: 8, width: 4, max_width: 8 }\n");
            var (code, terminal) = OnATerminal(0, "train", "missing.yaml", "--run-id", "tty");
            Assert.That(code, Is.EqualTo(1), terminal);
            Assert.That(terminal, Does.Contain("no-such-folder: no such file or folder"));
            AssertCursorShownAtTheEnd(terminal);
        }
    }
}
