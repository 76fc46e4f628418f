using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NUnit.Framework;
using Wasserforge.Cli.Output;

namespace Wasserforge.Cli.Tests
{
    /// <summary>
    /// Hostile requests to the generation verbs (docs/reliability.md): each is one clear line with exit
    /// code 1, refused before the work (and the memory) it would take, and nothing is written.
    /// </summary>
    public class HostileCliTests
    {
        string _dir;
        static string Root => Wasserforge.Tests.TestPaths.PackageRoot;
        static string Fixture(string name) => Path.Combine(Root, "Tests", "Fixtures", name);
        static string Rgb => Fixture("generator_v1_rgb_4x4.onnx");
        /// <summary>32x32 RGB, latent 64: a model of the size users train.</summary>
        static string Real => Path.Combine(Root, "Samples~", "TextureFromSeed", "ProceduralTextures.onnx");

        [SetUp] public void Dir() { _dir = Path.Combine(Path.GetTempPath(), "wf-hostile-" + Guid.NewGuid().ToString("N").Substring(0, 8)); Directory.CreateDirectory(_dir); }
        [TearDown] public void Clean() => Directory.Delete(_dir, true);

        string Out(string name) => Path.Combine(_dir, name);

        /// <summary>Runs the CLI in-process; also returns the bytes this thread allocated meanwhile.</summary>
        static (int code, string output, string error, long allocated) Run(params string[] args)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var (code, output, error) = CliHarness.Run(args);
            return (code, output, error, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        void AssertOneClearLine((int code, string output, string error, long allocated) r, params string[] mentions)
        {
            Assert.That(r.code, Is.EqualTo(1), r.error + r.output);
            foreach (var m in mentions) Assert.That(r.error, Does.Contain(m));
            Assert.That(r.error, Does.Not.Contain("Exception").And.Not.Contain("   at "), "no .NET exception or stack trace");
            Assert.That(r.error.Trim().Split('\n'), Has.Length.EqualTo(1), "one line");
            Assert.That(Directory.GetFileSystemEntries(_dir).Where(f => !f.EndsWith(".fifo")), Is.Empty, "nothing written");
        }

        [Test]
        public void TenMillionSamplesAreRefusedWithTheLimitBeforeAnyAllocation()
        {
            var r = Run("sample", Real, "--count", "10000000", "-o", Out("a.png"));
            AssertOneClearLine(r, "--count 10000000", "more than one array holds", "At most", "--seed");
            Assert.That(r.allocated, Is.LessThan(256L << 20), "refused before the 2.6 GB of latents were allocated");
        }

        [Test]
        public void AHugeGapIsRefusedWithTheLargestGapThatFits()
        {
            var r = Run("sample", Real, "--gap", "100000", "-o", Out("a.png"));
            AssertOneClearLine(r, "--gap 100000", "500128 x 500128 pixels", "The largest gap for 16 images is");
            var largest = int.Parse(r.error.Split("is ").Last().TrimEnd('.', '\n', '\r'));
            var limits = new GenerationLimits(64, 3 * 32 * 32, 32, 32);
            Assert.That(limits.Problem(16, OutputLayout.Sheet, _ => 4, largest), Is.Null, "the stated gap fits");
            Assert.That(limits.Problem(16, OutputLayout.Sheet, _ => 4, largest + 1), Is.Not.Null, "one more does not");
        }

        [TestCase("a.png")]
        [TestCase("a.npy")]
        public void AHundredMillionInterpolationStepsAreRefused(string output)
        {
            var r = Run("interpolate", Rgb, "--from", "1", "--to", "2", "--steps", "100000000", "-o", Out(output));
            AssertOneClearLine(r, "--steps 100000000", "At most");
            Assert.That(r.allocated, Is.LessThan(256L << 20));
        }

        [Test]
        public void AGridTooLargeToCountIsRefused()
        {
            AssertOneClearLine(Run("sample", Rgb, "--grid", "100000x100000", "-o", Out("a.png")), "--grid 100000x100000", "10000000000");
        }

        [TestCase("generator_v1_nan_4x4.onnx", "NaN", "a.png")]
        [TestCase("generator_v1_nan_4x4.onnx", "NaN", "a.npy")]
        [TestCase("generator_v1_inf_4x4.onnx", "an infinite value", "a.png")]
        public void AGeneratorThatOutputsNaNOrInfinityWritesNothing(string model, string what, string output)
        {
            var r = Run("sample", Fixture(model), "-n", "3", "--seed", "7", "-o", Out(output));
            AssertOneClearLine(r, model, what, "sample 0 (seed 7)", "nothing was written", "diverged");
            r = Run("interpolate", Fixture(model), "--from", "1", "--to", "2", "-k", "3", "--separate", "-o", Out(output.Replace(".npy", ".png")));
            AssertOneClearLine(r, model, "frame 0");
        }

        [Test]
        public void EvalRefusesAMetricThatDoesNotFitTheModel()
        {
            AssertOneClearLine(Run("eval", Rgb, "--data", "25gaussians", "--metric", "modes"), "generator_v1_rgb_4x4.onnx", "4x4 images", "2-D points", "--metric swd");
            AssertOneClearLine(Run("eval", Rgb, "--data", "25gaussians", "--metric", "swd"), "'25gaussians' is a toy set");
            AssertOneClearLine(Run("eval", Fixture("points_v1_2d.onnx"), "--data", "procedural", "--metric", "swd"), "points_v1_2d.onnx", "2-D points", "--metric modes");
            AssertOneClearLine(Run("eval", Fixture("points_v1_2d.onnx"), "--data", "8gaussians", "--metric", "modes", "--samples", "0"), "--samples 0");
        }

        [Test]
        public void EvalOfAPointModelStillScores()
        {
            var r = Run("eval", Fixture("points_v1_2d.onnx"), "--data", "8gaussians", "--metric", "modes", "--samples", "200");
            Assert.That(r.code, Is.EqualTo(0), r.error);
            Assert.That(r.output, Does.StartWith("8gaussians: "));
        }

        [Test]
        public void AnExistingFolderAsOutputSaysWhatToGive()
        {
            var folder = Out("frames");
            Directory.CreateDirectory(folder);
            var r = Run("sample", Rgb, "-o", folder);
            Assert.That(r.code, Is.EqualTo(1));
            Assert.That(r.error, Does.Contain($"-o {folder} is a folder").And.Contain(Path.Combine(folder, "samples.png")));
            Assert.That(r.error, Does.Not.Contain("format ''"));
            Assert.That(Directory.GetFileSystemEntries(folder), Is.Empty);
        }

        [Test]
        public void AModelPathThatIsALinkLoopOrADanglingLinkIsOneLine()
        {
            if (!File.Exists("/bin/ln")) Assert.Ignore("needs ln");
            var models = Path.Combine(Path.GetTempPath(), "wf-hostile-models-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(models);
            try
            {
                using (var p = Process.Start("/bin/sh", new[] { "-c", $"cd '{models}' && ln -s loop.onnx loop.onnx && ln -s nowhere.onnx dangling.onnx" })) p.WaitForExit();
                AssertOneClearLine(Run("sample", Path.Combine(models, "loop.onnx"), "-o", Out("a.png")), "loop.onnx");
                AssertOneClearLine(Run("sample", Path.Combine(models, "dangling.onnx"), "-o", Out("a.png")), "dangling.onnx");
            }
            finally { Directory.Delete(models, true); }
        }

        [Test]
        public void AnEmptyOutputNameSaysWhatToGive()
        {
            AssertOneClearLine(Run("sample", Rgb, "-o", ""), "-o needs a file name");
        }

        [Test]
        public void AnOutputBelowAFileNamesTheFile()
        {
            var file = Out("a-file");
            File.WriteAllText(file, "x");
            var r = Run("sample", Rgb, "-o", Path.Combine(file, "out.png"));
            Assert.That(r.code, Is.EqualTo(1));
            Assert.That(r.error, Does.Contain(file + " is a file, not a folder"));
        }

        [Test]
        public void AFifoAsOutputIsRefusedBeforeGenerating()
        {
            if (!File.Exists("/usr/bin/mkfifo")) Assert.Ignore("needs mkfifo");
            var fifo = Out("out.fifo");
            using (var p = Process.Start("/usr/bin/mkfifo", fifo)) p.WaitForExit();
            var r = Run("sample", Rgb, "--format", "png", "-o", fifo);
            AssertOneClearLine(r, fifo, "FIFO", "regular files only");
        }

        [Test]
        public void TheStatedCountLimitIsExact()
        {
            // A small budget makes memory the binding limit: the count the message states fits, one more does not.
            var limits = new GenerationLimits(8, 48, 4, 4, memoryBudget: 4 << 20);
            var e = Assert.Throws<ArgumentException>(() => limits.Check(1_000_000, OutputLayout.Npy, _ => 1, 0, "--count"));
            Assert.That(e.Message, Does.Contain("--count 1000000").And.Contain("memory"));
            var stated = long.Parse(e.Message.Split("At most ")[1].Split(' ')[0]);
            Assert.That(limits.Problem(stated, OutputLayout.Npy, _ => 1, 0), Is.Null);
            Assert.That(limits.Problem(stated + 1, OutputLayout.Npy, _ => 1, 0), Does.Contain("4.0 MB"));
            Assert.That(() => limits.Check(stated, OutputLayout.Npy, _ => 1, 0, "--count"), Throws.Nothing);
        }
    }
}
