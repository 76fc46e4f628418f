using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NUnit.Framework;
using Wasserforge.Latent;
using Wasserforge.Pixels;

namespace Wasserforge.Cli.Tests
{
    public class CliTests
    {
        string _dir;
        static string Root => Wasserforge.Tests.TestPaths.PackageRoot;
        static string Fixture => Path.Combine(Root, "Tests", "Fixtures", "generator_v1_rgb_4x4.onnx");

        [SetUp] public void Dir() { _dir = Path.Combine(Path.GetTempPath(), "wf-cli-" + Guid.NewGuid().ToString("N").Substring(0, 8)); Directory.CreateDirectory(_dir); }
        [TearDown] public void Clean() => Directory.Delete(_dir, true);

        static (int code, string output, string error) Run(params string[] args) => CliHarness.Run(args);

        static (int w, int h, byte[] rgba) DecodePng(string path) => Wasserforge.Tests.IndependentPng.Decode(path);

        [Test]
        public void SampleSheetHoldsTheModelsPixelsForEachSeed()
        {
            var png = Path.Combine(_dir, "sheet.png");
            var (code, output, error) = Run("sample", Fixture, "--count", "4", "--seed", "10", "--grid", "2x2", "-o", png);
            Assert.That(code, Is.EqualTo(0), error);
            Assert.That(output, Does.Contain("seeds 10..13"));
            var (w, h, rgba) = DecodePng(png);
            Assert.That((w, h), Is.EqualTo((2 * 5 + 1, 2 * 5 + 1)));   // 4x4 cells with 1-px gaps
            using var model = GeneratorModel.Load(Fixture);
            for (var k = 0; k < 4; k++)
            {
                var expected = new byte[4 * 4 * 4];
                model.GenerateRgba32(LatentSampler.Sample((ulong)(10 + k), 8), 1, expected);
                int ox = 1 + (k % 2) * 5, oy = 1 + (k / 2) * 5;
                for (var y = 0; y < 4; y++)
                    for (var x = 0; x < 4; x++)
                        for (var c = 0; c < 4; c++)
                            Assert.That(rgba[((oy + y) * w + ox + x) * 4 + c], Is.EqualTo(expected[(y * 4 + x) * 4 + c]), $"sample {k} pixel {x},{y}");
            }
        }

        [Test]
        public void SampleNpyHoldsRawFloats()
        {
            var npy = Path.Combine(_dir, "s.npy");
            Assert.That(Run("sample", Fixture, "-n", "3", "-o", npy, "--truncation", "0.5").code, Is.EqualTo(0));
            var bytes = File.ReadAllBytes(npy);
            var header = System.Text.Encoding.ASCII.GetString(bytes, 10, bytes[8] | bytes[9] << 8);
            Assert.That(header, Does.Contain("'shape': (3, 3, 4, 4)"));
            using var model = GeneratorModel.Load(Fixture);
            var z = LatentSampler.Sample(1, 8);
            LatentMath.Truncate(z, 0.5f);
            var expected = new float[48];
            model.Generate(z, 1, expected);
            var first = Enumerable.Range(0, 48).Select(i => BitConverter.ToSingle(bytes, 10 + header.Length + i * 4)).ToArray();
            Assert.That(first, Is.EqualTo(expected));
        }

        [Test]
        public void InterpolationStripStartsAndEndsAtTheSeeds()
        {
            var png = Path.Combine(_dir, "strip.png");
            var r = Run("interpolate", Fixture, "--from", "3", "--to", "seed:4", "--steps", "5", "--slerp", "-o", png);
            Assert.That(r.code, Is.EqualTo(0), r.error);
            var (w, h, rgba) = DecodePng(png);
            Assert.That((w, h), Is.EqualTo((5 * 5 + 1, 6)));
            using var model = GeneratorModel.Load(Fixture);
            var last = new byte[64];
            model.GenerateRgba32(LatentSampler.Sample(4, 8), 1, last);
            for (var x = 0; x < 4; x++) Assert.That(rgba[(1 * w + 1 + 4 * 5 + x) * 4], Is.EqualTo(last[x * 4]).Within(1));
        }

        [TestCase(new[] { "sample", "missing.onnx", "-o", "x.png" }, "missing.onnx: file not found")]
        [TestCase(new[] { "sample", "FIXTURE", "--grid", "3", "-o", "x.png" }, "--grid '3'")]
        [TestCase(new[] { "sample", "FIXTURE", "--count", "5", "--grid", "2x2", "-o", "x.png" }, "holds 4 samples")]
        [TestCase(new[] { "sample", "FIXTURE", "-o", "x.gif" }, "format 'gif'")]
        [TestCase(new[] { "interpolate", "FIXTURE", "--from", "1", "--to", "bogus", "-o", "x.png" }, "not a latent")]
        [TestCase(new[] { "sample", "FIXTURE", "--device", "tpu", "-o", "x.png" }, "--device 'tpu'")]
        [TestCase(new[] { "export", "/nonexistent/run", "-o", "x.onnx" }, "not a run folder")]
        [TestCase(new[] { "train", "/nonexistent.yaml", "--run-id", "r" }, "config file not found")]
        public void ErrorsAreOneClearLine(string[] args, string mentions)
        {
            args = args.Select(a => a == "FIXTURE" ? Fixture : a == "x.png" || a == "x.gif" || a == "x.onnx" ? Path.Combine(_dir, a) : a).ToArray();
            var (code, _, error) = Run(args);
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error, Does.Contain(mentions));
            Assert.That(error, Does.Not.Contain("   at "), "no stack trace");
        }

        [Test]
        public void UsageErrorsExitWith2()
        {
            var (code, output, error) = Run("sample");
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.Contain("Required"));
            Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1), "one line");
            Assert.That(output, Is.Empty);
            var bad = Run("sample", Fixture, "--count", "many", "-o", "x.png");
            Assert.That(bad.code, Is.EqualTo(2));
            Assert.That(bad.error, Does.Contain("'many'").And.Contain("--count").And.Not.Contain("System."));
        }

        [Test]
        public void DatasetsListsTheBuiltIns()
        {
            var (code, output, _) = Run("datasets");
            Assert.That(code, Is.EqualTo(0));
            foreach (var name in new[] { "materials", "procedural", "8gaussians", "25gaussians", "swissroll" }) Assert.That(output, Does.Contain(name));
        }

        [Test]
        public void DatasetsSheetWritesRealImagesOfTheProceduralSet()
        {
            var png = Path.Combine(_dir, "real.png");
            var (code, output, error) = Run("datasets", "--sheet", "procedural", "--size", "16", "-o", png);
            Assert.That(code, Is.EqualTo(0), error);
            Assert.That(output, Does.Contain("64 real 16x16 images"));
            var bytes = File.ReadAllBytes(png);
            int Be(int at) => (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
            Assert.That((Be(16), Be(20)), Is.EqualTo((8 * 17 + 1, 8 * 17 + 1)), "an 8x8 grid of 16-px images with 1-px gaps");
            var materialsPng = Path.Combine(_dir, "materials.png");
            var materials = Run("datasets", "--sheet", "materials", "--size", "16", "-o", materialsPng);
            Assert.That(materials.code, Is.EqualTo(0), materials.error);
            Assert.That(materials.output, Does.Contain("64 real 16x16 images of the materials set"));
            Assert.That(File.ReadAllBytes(materialsPng), Is.Not.EqualTo(bytes), "the two sets differ in colour");
            var toy = Run("datasets", "--sheet", "8gaussians", "-o", png);
            Assert.That(toy.code, Is.EqualTo(1));
            Assert.That(toy.error, Does.Contain("only the procedural and materials sets"));
        }

        [Test]
        public void EvalWithFloorPrintsTheSamplesSwdTheRealVsRealFloorAndTheGap()
        {
            var model = Path.Combine(Root, "Tests", "Fixtures", "generator_v1_tileable_16.onnx");
            var (code, output, error) = Run("eval", model, "--data", "procedural", "--metric", "swd", "--samples", "64", "--floor");
            Assert.That(code, Is.EqualTo(0), error);
            var averages = System.Text.RegularExpressions.Regex.Matches(output, @"average ([\d.]+)").Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.That(output, Does.Contain("procedural (64 images): SWD").And.Contain("real-vs-real floor (64 other real images vs the same 64): SWD"));
            Assert.That(averages, Has.Count.EqualTo(2));
            Assert.That(averages[1], Is.GreaterThan(0).And.LessThan(averages[0]), "two real sets are closer than a small generator's samples");
            var gap = System.Text.RegularExpressions.Regex.Match(output, @"gap to the floor: (-?[\d.]+)");
            Assert.That(gap.Success, Is.True, output);
            Assert.That(double.Parse(gap.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(averages[0] - averages[1]).Within(0.02));
            var plain = Run("eval", model, "--data", "materials", "--metric", "swd", "--samples", "64");
            Assert.That(plain.code, Is.EqualTo(0), plain.error);
            Assert.That(plain.output, Does.Contain("materials (64 images): SWD"), "the demo's set is a reference too");
            Assert.That(plain.output, Does.Not.Contain("floor"), "the floor is only computed when asked for");
        }

        [Test]
        public void TrainExportEvalOnAToySet()
        {
            var config = Path.Combine(_dir, "toy.yaml");
            File.WriteAllText(config, "data: { source: 8gaussians }\nmodel: { kind: mlp, latent_dim: 2, width: 32, depth: 2 }\ntraining: { steps: 30, batch_size: 64, log_every: 10, sample_every: 30, checkpoint_every: 15 }\n");
            var results = Path.Combine(_dir, "results");
            var t = Run("train", config, "--run-id", "toy", "--results", results);
            Assert.That(t.code, Is.EqualTo(0), t.error + t.output);
            Assert.That(t.output, Does.Contain("step     30/30"));
            var onnx = Path.Combine(_dir, "toy.onnx");
            var ex = Run("export", Path.Combine(results, "toy", "checkpoints", "step_000015"), "-o", onnx);
            Assert.That(ex.code, Is.EqualTo(0), ex.error);
            Assert.That(ex.output, Does.Contain("step 15"));
            var ev = Run("eval", onnx, "--data", "8gaussians", "--metric", "modes", "--samples", "500");
            var sw = Run("eval", Fixture, "--data", "procedural", "--metric", "swd", "--samples", "4");
            Assert.That(sw.code, Is.EqualTo(1), "4x4 images are below SWD's 16 px minimum");
            Assert.That(sw.error, Does.Contain("16 px"));
            Assert.That(ev.code, Is.EqualTo(0), ev.error);
            Assert.That(ev.output, Does.Match(@"8gaussians: \d+/8 modes, [\d.]+% high quality"));
        }
    }
}
