using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Wasserforge.Cli.Tests
{
    /// <summary>
    /// Stopping a real <c>wasserforge train</c> process (docs/reliability.md, "Training runs and signals"):
    /// SIGTERM saves a checkpoint and exits 143 with a resume command that works as printed; <c>kill -9</c>
    /// loses at most the last checkpoint interval; either way the resumed run ends with the very bytes of a
    /// run that was never stopped. No test waits on a clock: each waits for a line the process prints, and
    /// the pipe bounds how far the run gets meanwhile (<see cref="TrainProcess"/>).
    /// </summary>
    [NonParallelizable]
    public class TrainSignalTests
    {
        const int Sigint = 2, Sigkill = 9, Sigterm = 15;
        /// <summary>The steps every run here trains (given as --steps, so the resume hint must carry it).</summary>
        const int Steps = 1200;
        const int CheckpointEvery = 100;

        // A 2-D toy run: about 3 ms a step on one thread. A step line is 99 characters, so a run whose output
        // is not read gets at most (64 KiB pipe + 4 KiB the reader took) / 100 < 720 steps past the line the
        // test read: well short of Steps whichever step the test signals at.
        const string Config = "data: { source: 8gaussians }\n" +
                              "model: { kind: mlp, latent_dim: 2, width: 8, depth: 2 }\n" +
                              "loss: { kind: wgan-gp, n_critic: 1 }\n" +
                              "training: { steps: 3000, batch_size: 16, sample_every: 100000, checkpoint_every: 100, log_every: 1, seed: 5, threads: 1 }\n";

        static string s_reference;   // the ONNX bytes' file of a run that was never stopped
        string _dir;

        [SetUp]
        public void Dir()
        {
            if (!OperatingSystem.IsLinux()) Assert.Ignore("POSIX signals to a child process: Linux");
            _dir = Path.Combine(Path.GetTempPath(), "wf-signal-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(_dir);
            File.WriteAllText(Path.Combine(_dir, "toy.yaml"), Config);
        }

        [TearDown] public void Clean() { if (_dir != null) Directory.Delete(_dir, true); }

        [OneTimeTearDown] public void CleanReference() { if (s_reference != null) Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(s_reference)), true); }

        /// <summary>The generator of a run trained straight through (in this process: same engine, same single thread).</summary>
        static byte[] Reference()
        {
            if (s_reference == null)
            {
                var results = Path.Combine(Path.GetTempPath(), "wf-signal-ref-" + Guid.NewGuid().ToString("N").Substring(0, 8));
                Directory.CreateDirectory(results);
                File.WriteAllText(Path.Combine(results, "toy.yaml"), Config);
                var (code, _, error) = CliHarness.Run("train", Path.Combine(results, "toy.yaml"), "--run-id", "straight", "--results", results, "--steps", Steps.ToString());
                Assert.That(code, Is.EqualTo(0), error);
                s_reference = Path.Combine(results, "straight", "straight.onnx");
            }
            return File.ReadAllBytes(s_reference);
        }

        static long StepOf(string line) => long.Parse(Regex.Match(line, @"^step +(\d+)/").Groups[1].Value);

        /// <summary>Each metrics row once, steps 1..Steps in order: a resumed run rewrote nothing twice.</summary>
        static void AssertEveryStepOnce(string metricsCsv)
        {
            var steps = File.ReadAllLines(metricsCsv).Skip(1).Select(l => long.Parse(l.Split(',')[0])).ToArray();
            Assert.That(steps, Is.EqualTo(Enumerable.Range(1, Steps).Select(i => (long)i).ToArray()));
        }

        [Test]
        public void SigtermSavesACheckpointAndThePrintedCommandResumesToTheSameBytes()
        {
            // A results folder with a space, away from the default: the hint must carry and quote it, and --steps.
            var results = "my results";
            using (var p = new TrainProcess(_dir, "train", "toy.yaml", "--run-id", "toy", "--results", results, "--steps", Steps.ToString()))
            {
                Assert.That(p.ReadUntil(l => l.StartsWith("step ")), Is.Not.Null, "the run reports its first step: " + p.Error);
                p.Signal(Sigterm);
                Assert.That(p.Finish(), Is.EqualTo(143), p.Error);
                var last = p.Lines.Last();
                var m = Regex.Match(last, @"^stopped by SIGTERM at step (\d+); checkpoint saved\. Continue with: (.+)$");
                Assert.That(m.Success, Is.True, last);
                var stoppedAt = long.Parse(m.Groups[1].Value);
                Assert.That(stoppedAt, Is.GreaterThanOrEqualTo(1).And.LessThan(Steps), "stopped during training");
                Assert.That(p.Lines.Where(l => l.StartsWith("step ")).Select(StepOf).Last(), Is.EqualTo(stoppedAt), "it finished the step it was in, then stopped");
                var checkpoint = Path.Combine(_dir, results, "toy", "checkpoints", $"step_{stoppedAt:D6}");
                Assert.That(File.Exists(Path.Combine(checkpoint, "state.json")), Is.True, "checkpoint at the step it stopped");

                var hint = m.Groups[2].Value;
                Assert.That(hint, Is.EqualTo($"wasserforge train toy.yaml --run-id toy --results 'my results' --steps {Steps} --resume"));
                var (code, output) = RunAsPrinted(hint);
                Assert.That(code, Is.EqualTo(0), output);
                Assert.That(output, Does.Contain("resumed from " + checkpoint));
            }
            Assert.That(File.ReadAllBytes(Path.Combine(_dir, results, "toy", "toy.onnx")), Is.EqualTo(Reference()), "the same generator as a run never stopped");
            AssertEveryStepOnce(Path.Combine(_dir, results, "toy", "metrics.csv"));
        }

        [Test]
        public void KillNineLosesAtMostOneCheckpointIntervalAndResumesToTheSameBytes()
        {
            long lastLogged;
            using (var p = new TrainProcess(_dir, "train", "toy.yaml", "--run-id", "killed", "--results", "res", "--steps", Steps.ToString()))
            {
                Assert.That(p.ReadUntil(l => l.StartsWith("checkpoint ")), Is.Not.Null, "the run reports its first checkpoint: " + p.Error);
                p.Signal(Sigkill);
                Assert.That(p.Finish(), Is.EqualTo(128 + Sigkill));
                lastLogged = p.Lines.Where(l => l.StartsWith("step ")).Select(StepOf).Last();   // what the pipe still held
                Assert.That(lastLogged, Is.LessThan(Steps), "killed during training");
            }
            var run = Path.Combine(_dir, "res", "killed");
            Assert.That(File.Exists(Path.Combine(run, "killed.onnx")), Is.False);
            var (code, output, error) = CliHarness.Run("train", Path.Combine(_dir, "toy.yaml"), "--run-id", "killed", "--results", Path.Combine(_dir, "res"), "--steps", Steps.ToString(), "--resume");
            Assert.That(code, Is.EqualTo(0), error);
            var resumedFrom = long.Parse(Regex.Match(output, @"resumed from .*step_(\d+)").Groups[1].Value);
            Assert.That(resumedFrom, Is.GreaterThanOrEqualTo(CheckpointEvery), "the checkpoint written before the kill");
            Assert.That(lastLogged - resumedFrom, Is.LessThanOrEqualTo(CheckpointEvery), "at most one checkpoint interval of work lost");
            Assert.That(File.ReadAllBytes(Path.Combine(run, "killed.onnx")), Is.EqualTo(Reference()));
            AssertEveryStepOnce(Path.Combine(run, "metrics.csv"));
        }

        /// <summary>Runs <paramref name="command"/> with /bin/sh in the test folder, <c>wasserforge</c> on PATH as a user has it.</summary>
        (int code, string output) RunAsPrinted(string command)
        {
            var bin = Path.Combine(_dir, "bin");
            Directory.CreateDirectory(bin);
            var launcher = Path.Combine(bin, "wasserforge");
            File.WriteAllText(launcher, $"#!/bin/sh\nexec '{TrainProcess.Dotnet}' '{TrainProcess.Dll}' \"$@\"\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var psi = new ProcessStartInfo("/bin/sh") { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(command);
            psi.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
            using var p = Process.Start(psi);
            var error = p.StandardError.ReadToEndAsync();
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output + error.Result);
        }
    }
}
