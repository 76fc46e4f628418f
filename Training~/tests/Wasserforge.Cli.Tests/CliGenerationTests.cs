using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NUnit.Framework;
using Wasserforge.Cli.Output;
using Wasserforge.Latent;

namespace Wasserforge.Cli.Tests
{
    /// <summary>sample / interpolate outputs checked pixel by pixel against GeneratorModel's own output for the same latents.</summary>
    public class CliGenerationTests
    {
        string _dir;

        static string Root => Wasserforge.Tests.TestPaths.PackageRoot;

        static string Fixture(string name) => Path.Combine(Root, "Tests", "Fixtures", name);

        [SetUp] public void Dir() { _dir = Path.Combine(Path.GetTempPath(), "wf-cligen-" + Guid.NewGuid().ToString("N").Substring(0, 8)); Directory.CreateDirectory(_dir); }
        [TearDown] public void Clean() => Directory.Delete(_dir, true);

        static (int code, string output, string error) Run(params string[] args) => CliHarness.Run(args);

        /// <summary>An independent PNG reader (Python zlib/struct) for 8-bit RGBA without filters: width, height, pixels.</summary>
        static (int w, int h, byte[] rgba) DecodePng(string path)
        {
            var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add("import sys,zlib,struct\nb=open(sys.argv[1],'rb').read();p=8;idat=b''\nwhile p<len(b):\n n,=struct.unpack('>I',b[p:p+4]);t=b[p+4:p+8];d=b[p+8:p+8+n]\n if t==b'IHDR':w,h,bd,ct=struct.unpack('>IIBB',d[:10]);assert bd==8 and ct==6\n if t==b'IDAT':idat+=d\n p+=12+n\nraw=zlib.decompress(idat);s=w*4\nprint(w,h,b''.join(raw[y*(s+1)+1:(y+1)*(s+1)] for y in range(h)).hex())");
            psi.ArgumentList.Add(path);
            using var p = Process.Start(psi);
            var parts = p.StandardOutput.ReadToEnd().Trim().Split(' ');
            p.WaitForExit();
            Assert.That(p.ExitCode, Is.EqualTo(0), "decoding " + path);
            return (int.Parse(parts[0]), int.Parse(parts[1]), Convert.FromHexString(parts[2]));
        }

        static byte[] Expected(GeneratorModel m, float[] z)
        {
            var rgba = new byte[m.Width * m.Height * 4];
            m.GenerateRgba32(z, 1, rgba);
            return rgba;
        }

        static void AssertCell(byte[] sheet, int sheetWidth, int ox, int oy, byte[] cell, int w, int h, string what)
        {
            for (var y = 0; y < h; y++)
                for (var x = 0; x < w * 4; x++)
                    Assert.That(sheet[((oy + y) * sheetWidth) * 4 + ox * 4 + x], Is.EqualTo(cell[y * w * 4 + x]), $"{what}: byte {x} of row {y}");
        }

        [Test]
        public void NonSquareGrayModelMakesAnAtlasWithoutGaps()
        {
            var png = Path.Combine(_dir, "atlas.png");
            var r = Run("sample", Fixture("generator_v1_gray_4x2.onnx"), "-n", "6", "--grid", "3x2", "--gap", "0", "--seed", "100", "-t", "0.7", "-o", png);
            Assert.That(r.code, Is.EqualTo(0), r.error);
            Assert.That(r.output, Does.Contain("ψ 0.7"));
            var (w, h, rgba) = DecodePng(png);
            using var model = GeneratorModel.Load(Fixture("generator_v1_gray_4x2.onnx"));
            Assert.That((w, h), Is.EqualTo((3 * model.Width, 2 * model.Height)));
            for (var k = 0; k < 6; k++)
            {
                var z = LatentSampler.Sample((ulong)(100 + k), model.LatentDim);
                LatentMath.Truncate(z, 0.7f);
                AssertCell(rgba, w, (k % 3) * model.Width, (k / 3) * model.Height, Expected(model, z), model.Width, model.Height, "sample " + k);
            }
        }

        [Test]
        public void SeparateFilesAreNamedBySeed()
        {
            var png = Path.Combine(_dir, "tex.png");
            var r = Run("sample", Fixture("generator_v1_rgba_2x2.onnx"), "-n", "3", "--seed", "41", "--separate", "-o", png);
            Assert.That(r.code, Is.EqualTo(0), r.error);
            Assert.That(Directory.GetFiles(_dir).Select(Path.GetFileName).OrderBy(f => f), Is.EqualTo(new[] { "tex_41.png", "tex_42.png", "tex_43.png" }));
            using var model = GeneratorModel.Load(Fixture("generator_v1_rgba_2x2.onnx"));
            var (w, h, rgba) = DecodePng(Path.Combine(_dir, "tex_42.png"));
            Assert.That((w, h), Is.EqualTo((model.Width, model.Height)));
            Assert.That(rgba, Is.EqualTo(Expected(model, LatentSampler.Sample(42, model.LatentDim))));
        }

        [Test]
        public void RgbaSheetsHaveTransparentGaps()
        {
            var png = Path.Combine(_dir, "s.png");
            Assert.That(Run("sample", Fixture("generator_v1_rgba_2x2.onnx"), "-n", "2", "--gap", "2", "-o", png).code, Is.EqualTo(0));
            var (w, h, rgba) = DecodePng(png);
            Assert.That((w, h), Is.EqualTo((2 * 2 + 3 * 2, 2 + 2 * 2)));
            Assert.That(rgba.Take(w * 4 * 2), Is.All.EqualTo((byte)0), "top gap rows are transparent");
        }

        [Test]
        public void InterpolationNpyEndsAtTheSeedsExactly()
        {
            var npy = Path.Combine(_dir, "path.npy");
            var r = Run("interpolate", Fixture("generator_v1_rgb_4x4.onnx"), "--from", "7", "--to", "seed:9@0.5", "-k", "4", "--slerp", "-o", npy);
            Assert.That(r.code, Is.EqualTo(0), r.error);
            var bytes = File.ReadAllBytes(npy);
            var headerLength = bytes[8] | bytes[9] << 8;
            Assert.That(System.Text.Encoding.ASCII.GetString(bytes, 10, headerLength), Does.Contain("'shape': (4, 3, 4, 4)"));
            var floats = new float[4 * 48];
            Buffer.BlockCopy(bytes, 10 + headerLength, floats, 0, floats.Length * 4);
            using var model = GeneratorModel.Load(Fixture("generator_v1_rgb_4x4.onnx"));
            var a = LatentSampler.Sample(7, 8);
            var b = LatentSampler.Sample(9, 8);
            LatentMath.Truncate(b, 0.5f);
            var mid = new float[8];
            LatentMath.Slerp(a, b, 1f / 3, mid);
            foreach (var (z, frame) in new[] { (a, 0), (mid, 1), (b, 3) })
            {
                var expected = new float[48];
                model.Generate(z, 1, expected);
                Assert.That(floats.Skip(frame * 48).Take(48), Is.EqualTo(expected), "frame " + frame);
            }
        }

        [Test]
        public void InterpolationFramesAreNumberedInOrder()
        {
            var png = Path.Combine(_dir, "walk.png");
            Assert.That(Run("interpolate", Fixture("generator_v1_rgb_4x4.onnx"), "--from", "1", "--to", "2", "-k", "11", "--separate", "-o", png).code, Is.EqualTo(0));
            var names = Directory.GetFiles(_dir).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            Assert.That(names.First(), Is.EqualTo("walk_00.png"));
            Assert.That(names.Last(), Is.EqualTo("walk_10.png"));
            Assert.That(names, Has.Length.EqualTo(11));
            using var model = GeneratorModel.Load(Fixture("generator_v1_rgb_4x4.onnx"));
            Assert.That(DecodePng(Path.Combine(_dir, "walk_10.png")).rgba, Is.EqualTo(Expected(model, LatentSampler.Sample(2, 8))));
        }

        [Test]
        public void PointGeneratorsWriteTheirCoordinates()
        {
            var npy = Path.Combine(_dir, "pts.npy");
            Assert.That(Run("sample", Fixture("points_v1_2d.onnx"), "-n", "5", "-o", npy).code, Is.EqualTo(0));
            var bytes = File.ReadAllBytes(npy);
            Assert.That(System.Text.Encoding.ASCII.GetString(bytes, 10, bytes[8] | bytes[9] << 8), Does.Contain("'shape': (5, 2)"));
            var png = Path.Combine(_dir, "pts.png");
            Assert.That(Run("sample", Fixture("points_v1_2d.onnx"), "-n", "5", "-o", png).code, Is.EqualTo(0));
            Assert.That(DecodePng(png).w, Is.EqualTo(256), "a scatter plot");
        }

        [TestCase(new[] { "sample", "FIXTURE", "--truncation", "-1", "-o", "x.png" }, "--truncation -1")]
        [TestCase(new[] { "sample", "FIXTURE", "--separate", "-o", "x.npy" }, "--separate writes PNG")]
        [TestCase(new[] { "sample", "FIXTURE", "--gap", "-3", "-o", "x.png" }, "--gap -3")]
        [TestCase(new[] { "interpolate", "FIXTURE", "--from", "1", "--to", "2", "-k", "1", "-o", "x.png" }, "--steps must be at least 2")]
        [TestCase(new[] { "interpolate", "FIXTURE", "--from", "wf1:AAAAAA==", "--to", "2", "-o", "x.png" }, "latent has 8")]
        [TestCase(new[] { "sample", "BROKEN", "-o", "x.png" }, "broken_v1_input_name.onnx")]
        public void BadRequestsAreOneClearLine(string[] args, string mentions)
        {
            args = args.Select(a => a == "FIXTURE" ? Fixture("generator_v1_rgb_4x4.onnx") : a == "BROKEN" ? Fixture("broken_v1_input_name.onnx")
                                  : a.StartsWith("x.") ? Path.Combine(_dir, a) : a).ToArray();
            var (code, _, error) = Run(args);
            Assert.That(code, Is.EqualTo(1), error);
            Assert.That(error, Does.Contain(mentions));
            Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1), "one line, no stack trace");
            Assert.That(Directory.GetFiles(_dir), Is.Empty, "nothing written");
        }

        [Test]
        public void SheetLayoutWrapsRows()
        {
            var cells = Enumerable.Range(0, 5 * 4).Select(i => (byte)(i + 1)).ToArray();   // five 1x1 RGBA images
            var (pixels, w, h) = ImageSheet.Compose(cells, 5, 1, 1, 2, 1, transparentGaps: false);
            Assert.That((w, h), Is.EqualTo((5, 7)));
            Assert.That(pixels.Skip(((5 * 5) + 1) * 4).Take(4), Is.EqualTo(new byte[] { 17, 18, 19, 20 }), "image 4 starts row 3");
            Assert.That(pixels[3], Is.EqualTo(255), "opaque gaps");
            Assert.Throws<ArgumentException>(() => ImageSheet.Compose(cells, 6, 1, 1, 2, 0, false));
        }
    }
}
