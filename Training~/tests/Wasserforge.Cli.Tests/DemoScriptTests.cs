using System.Diagnostics;
using System.IO;
using NUnit.Framework;

namespace Wasserforge.Cli.Tests
{
    /// <summary>
    /// The README's main command, <c>Tools~/demo.sh</c>: its arguments are checked before it builds or trains anything
    /// (the training itself is what the trainer's tests cover; a whole demo takes minutes).
    /// </summary>
    public class DemoScriptTests
    {
        static (int Code, string Output) Demo(params string[] args)
        {
            if (!File.Exists("/bin/bash")) Assert.Ignore("the demo script needs bash");
            var psi = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(Path.Combine(Wasserforge.Tests.TestPaths.PackageRoot, "Tools~", "demo.sh"));
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi);
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, stdout.Result + stderr);
        }

        [TestCase("x")]
        [TestCase("0")]
        [TestCase("-5")]
        [TestCase("12000x")]
        public void RefusesAStepCountThatIsNotAPositiveWholeNumber(string steps)
        {
            var (code, output) = Demo("--steps", steps);
            Assert.That(code, Is.EqualTo(2), output);
            Assert.That(output, Does.Contain("--steps needs a positive whole number").And.Contain($"'{steps}'"));
            Assert.That(output, Does.Not.Contain("step "), "nothing trained");
        }

        [Test]
        public void RefusesAMissingStepCountAndAnUnknownArgument()
        {
            var (code, output) = Demo("--steps");
            Assert.That(code, Is.EqualTo(2), output);
            Assert.That(output, Does.Contain("--steps needs a positive whole number"));
            (code, output) = Demo("--fast");
            Assert.That(code, Is.EqualTo(2), output);
            Assert.That(output, Does.Contain("unknown argument '--fast'").And.Contain("usage: Tools~/demo.sh [--steps N]"));
        }

        [Test]
        public void HelpDescribesTheStepsOption()
        {
            var (code, output) = Demo("--help");
            Assert.That(code, Is.EqualTo(0), output);
            Assert.That(output, Does.Contain("usage: Tools~/demo.sh [--steps N]").And.Contain("--steps 12000"));
            Assert.That(output, Does.Not.Contain("set -euo"), "the help ends before the script's code");
        }
    }
}
