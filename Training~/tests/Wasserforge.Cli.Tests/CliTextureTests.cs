using System;
using System.IO;
using System.Linq;
using NUnit.Framework;
using Wasserforge.Latent;
using Wasserforge.Pixels;

namespace Wasserforge.Cli.Tests
{
    /// <summary>sample / interpolate on a texture model (contract version 2): --size, --noise-seed, the latent tools on the global code.</summary>
    public class CliTextureTests
    {
        string _dir;

        static string Fixture(string name) => Path.Combine(Wasserforge.Tests.TestPaths.PackageRoot, "Tests", "Fixtures", name);
        static string Texture => Fixture("texture_v2_rgb_s4.onnx");

        [SetUp] public void Dir() { _dir = Path.Combine(Path.GetTempPath(), "wf-clitex-" + Guid.NewGuid().ToString("N").Substring(0, 8)); Directory.CreateDirectory(_dir); }
        [TearDown] public void Clean() => Directory.Delete(_dir, true);

        static (int code, string output, string error) Run(params string[] args) => CliHarness.Run(args);

        static float[] ReadNpy(string path, string shape)
        {
            var bytes = File.ReadAllBytes(path);
            var headerLength = bytes[8] | bytes[9] << 8;
            Assert.That(System.Text.Encoding.ASCII.GetString(bytes, 10, headerLength), Does.Contain($"'shape': ({shape})"));
            var floats = new float[(bytes.Length - 10 - headerLength) / 4];
            Buffer.BlockCopy(bytes, 10 + headerLength, floats, 0, floats.Length * 4);
            return floats;
        }

        static float[] Expected(GeneratorModel m, ulong seed, ulong noiseSeed, int w, int h)
        {
            var t = new float[3 * w * h];
            m.GenerateTexture(LatentSampler.Sample(seed, m.LatentDim), noiseSeed, w, h, t);
            return t;
        }

        [Test]
        public void SizeMakesSeamlessTexturesOfThatSize()
        {
            var npy = Path.Combine(_dir, "t.npy");
            var r = Run("sample", Texture, "-n", "2", "--seed", "30", "--size", "256x128", "--noise-seed", "5", "-o", npy);
            Assert.That(r.code, Is.EqualTo(0), r.error);
            Assert.That(r.output, Does.Contain("256x128 seamless, noise seed 5"));
            var floats = ReadNpy(npy, "2, 3, 128, 256");
            using var m = GeneratorModel.Load(Texture);
            Assert.That(floats.Take(3 * 256 * 128), Is.EqualTo(Expected(m, 30, 5, 256, 128)), "sample 0 = seed 30");
            Assert.That(floats.Skip(3 * 256 * 128), Is.EqualTo(Expected(m, 31, 5, 256, 128)), "sample 1 = seed 31");
        }

        [Test]
        public void SeparatePngsAreTheRuntimesPixels()
        {
            var png = Path.Combine(_dir, "stone.png");
            var r = Run("sample", Texture, "-n", "2", "--seed", "7", "--size", "64", "--separate", "-o", png);
            Assert.That(r.code, Is.EqualTo(0), r.error);
            Assert.That(Directory.GetFiles(_dir).Select(Path.GetFileName).OrderBy(f => f), Is.EqualTo(new[] { "stone_7.png", "stone_8.png" }));
            var (w, h, rgba) = Wasserforge.Tests.IndependentPng.Decode(Path.Combine(_dir, "stone_8.png"));
            Assert.That((w, h), Is.EqualTo((64, 64)));
            using var m = GeneratorModel.Load(Texture);
            var expected = new byte[64 * 64 * 4];
            m.GenerateTextureRgba32(LatentSampler.Sample(8, 8), 0, 64, 64, expected);
            Assert.That(rgba, Is.EqualTo(expected), "default noise seed 0");
        }

        [Test]
        public void SheetOfTexturesWithoutSizeIsTheDefaultSizeAsInTheExplorer()
        {
            var png = Path.Combine(_dir, "sheet.png");
            var r = Run("sample", Texture, "-n", "4", "--grid", "2x2", "--gap", "0", "--seed", "3", "-o", png);
            Assert.That(r.code, Is.EqualTo(0), r.error);
            var (w, h, rgba) = Wasserforge.Tests.IndependentPng.Decode(png);
            Assert.That((w, h), Is.EqualTo((32, 32)), "2 x 2 cells of the 16 px training crop");
            using var m = GeneratorModel.Load(Texture);
            var cell = new byte[16 * 16 * 4];
            m.GenerateRgba32(LatentSampler.Sample(6, 8), 1, cell);   // sample 3: bottom right
            for (var y = 0; y < 16; y++)
                Assert.That(rgba.Skip(((16 + y) * 32 + 16) * 4).Take(64), Is.EqualTo(cell.Skip(y * 64).Take(64)), "row " + y);
        }

        [Test]
        public void InterpolationWalksTheGlobalCodeWithTheNoiseFixed()
        {
            var npy = Path.Combine(_dir, "walk.npy");
            var r = Run("interpolate", Texture, "--from", "1", "--to", "2", "-k", "3", "--slerp", "--size", "32x48", "--noise-seed", "9", "-o", npy);
            Assert.That(r.code, Is.EqualTo(0), r.error);
            var floats = ReadNpy(npy, "3, 3, 48, 32");
            using var m = GeneratorModel.Load(Texture);
            var mid = new float[8];
            LatentMath.Slerp(LatentSampler.Sample(1, 8), LatentSampler.Sample(2, 8), 0.5f, mid);
            var expected = new float[3 * 32 * 48];
            m.GenerateTexture(mid, 9, 32, 48, expected);
            Assert.That(floats.Skip(expected.Length).Take(expected.Length), Is.EqualTo(expected));
            Assert.That(floats.Skip(2 * expected.Length), Is.EqualTo(Expected(m, 2, 9, 32, 48)));
        }

        [TestCase("TEXTURE", "--size", "250x256", "the nearest are 248 or 252")]
        [TestCase("TEXTURE", "--size", "20000", "1 to 16384")]
        [TestCase("TEXTURE", "--size", "big", "--size 'big' must look like 1024x1024")]
        [TestCase("IMAGE", "--size", "64x64", "--size needs a texture model")]
        [TestCase("IMAGE", "--noise-seed", "3", "--noise-seed needs a texture model")]
        public void BadTextureRequestsAreOneClearLine(string model, string option, string value, string mentions)
        {
            var path = model == "TEXTURE" ? Texture : Fixture("generator_v1_rgb_4x4.onnx");
            var (code, _, error) = Run("sample", path, option, value, "-o", Path.Combine(_dir, "x.png"));
            Assert.That(code, Is.EqualTo(1), error);
            Assert.That(error, Does.Contain(mentions));
            Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1), "one line, no stack trace");
            Assert.That(Directory.GetFiles(_dir), Is.Empty, "nothing written");
        }
    }
}
