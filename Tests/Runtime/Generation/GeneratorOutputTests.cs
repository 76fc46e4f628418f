using System;
using System.IO;
using NUnit.Framework;
using Wasserforge.Pixels;

namespace Wasserforge.Tests.Generation
{
    public class GeneratorOutputTests
    {
        [TestCase("generator_v1_rgb_4x4.onnx", 3, 4, 4)]
        [TestCase("generator_v1_gray_4x2.onnx", 1, 4, 2)]
        [TestCase("generator_v1_rgba_2x2.onnx", 4, 2, 2)]
        public void ImagesMatchNumpy(string fixture, int channels, int width, int height)
        {
            var expected = ExpectedOutput.Load()[fixture];
            using (var model = GeneratorModel.Load(TestPaths.Fixture(fixture), new GeneratorOptions { Device = ExecutionDevice.Cpu }))
            {
                Assert.That(model.Channels, Is.EqualTo(channels));
                Assert.That(model.Width, Is.EqualTo(width));
                Assert.That(model.Height, Is.EqualTo(height));
                Assert.That(model.LatentDim, Is.EqualTo(8));
                Assert.That(model.ActiveDevice, Is.EqualTo(ExecutionDevice.Cpu));
                var count = expected.Shape[0];
                var output = new float[count * model.ValuesPerSample];
                model.Generate(expected.Latents, count, output);
                Assert.That(output, Is.EqualTo(expected.Output).Within(1e-5f));
            }
        }

        [Test]
        public void ExpectedOutputsCoverEveryGoodFixture()
        {
            var expected = ExpectedOutput.Load();
            Assert.That(expected.Keys, Is.EquivalentTo(new[] { "generator_v1_rgb_4x4.onnx", "generator_v1_gray_4x2.onnx", "generator_v1_rgba_2x2.onnx", "points_v1_2d.onnx" }));
            foreach (var e in expected.Values)
            {
                var perSample = 1;
                for (var i = 1; i < e.Shape.Length; i++) perSample *= e.Shape[i];
                Assert.That(e.Output, Has.Length.EqualTo(e.Shape[0] * perSample));
            }
        }

        [Test]
        public void PointGeneratorMatchesNumpy()
        {
            var expected = ExpectedOutput.Load()["points_v1_2d.onnx"];
            using (var model = GeneratorModel.Load(TestPaths.Fixture("points_v1_2d.onnx")))
            {
                Assert.That(model.Description.IsImage, Is.False);
                var output = new float[4];
                model.Generate(expected.Latents, 2, output);
                Assert.That(output, Is.EqualTo(expected.Output).Within(1e-5f));
                Assert.Throws<InvalidOperationException>(() => model.GenerateRgba32(expected.Latents, 2, new byte[64]));
            }
        }

        [Test]
        public void Rgba32EqualsConvertedFloats()
        {
            var expected = ExpectedOutput.Load()["generator_v1_rgb_4x4.onnx"];
            using (var model = GeneratorModel.Load(TestPaths.Fixture("generator_v1_rgb_4x4.onnx")))
            {
                var rgba = new byte[3 * 16 * 4];
                model.GenerateRgba32(expected.Latents, 3, rgba, bottomUp: true);
                var reference = new byte[rgba.Length];
                PixelConverter.ToRgba32(expected.Output, 3, 3, 4, 4, reference, bottomUp: true);
                // ORT and numpy differ in the last float bits: allow one step of rounding.
                for (var i = 0; i < rgba.Length; i++) Assert.That((int)rgba[i], Is.EqualTo(reference[i]).Within(1), "byte " + i);
            }
        }

        [Test]
        public void DeviceReportExplainsSkippedDevices()
        {
            using (var model = GeneratorModel.Load(TestPaths.Fixture("generator_v1_rgb_4x4.onnx")))
            {
                Assert.That(model.DeviceReport, Does.StartWith(model.ActiveDevice + " active"));
                if (model.ActiveDevice == ExecutionDevice.Cpu)
                {
                    Assert.That(model.DeviceReport, Does.Contain("DirectML skipped"));
                    Assert.That(model.DeviceReport, Does.Contain("Cuda skipped"));
                }
            }
        }

        [Test]
        public void LoadsFromBytesLikeFromFile()
        {
            var path = TestPaths.Fixture("generator_v1_rgb_4x4.onnx");
            var z = new float[8] { 1, -1, 0.5f, 0, 2, -2, 0.25f, 1 };
            var a = new float[48];
            var b = new float[48];
            using (var m1 = GeneratorModel.Load(path)) m1.Generate(z, 1, a);
            using (var m2 = GeneratorModel.Load(File.ReadAllBytes(path), null, "asset")) m2.Generate(z, 1, b);
            Assert.That(b, Is.EqualTo(a));
        }

        [Test]
        public void BadArgumentsAreExplained()
        {
            using (var model = GeneratorModel.Load(TestPaths.Fixture("generator_v1_rgb_4x4.onnx")))
            {
                Assert.That(() => model.Generate(new float[8], 0, new float[48]), Throws.ArgumentException.With.Message.Contains("count"));
                Assert.That(() => model.Generate(new float[7], 1, new float[48]), Throws.ArgumentException.With.Message.Contains("latents"));
                Assert.That(() => model.Generate(new float[8], 1, new float[47]), Throws.ArgumentException.With.Message.Contains("output"));
                Assert.That(() => model.GenerateRgba32(new float[8], 1, new byte[63]), Throws.ArgumentException.With.Message.Contains("rgba"));
            }
        }

        [Test]
        public void UseAfterDisposeThrows()
        {
            var model = GeneratorModel.Load(TestPaths.Fixture("generator_v1_rgb_4x4.onnx"));
            model.Dispose();
            model.Dispose();
            Assert.Throws<ObjectDisposedException>(() => model.Generate(new float[8], 1, new float[48]));
        }

        [Test]
        public void ExplicitDirectMLOffWindowsIsAClearError()
        {
            if (System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows))
                Assert.Ignore("DirectML may exist on Windows.");
            var e = Assert.Throws<WasserforgeException>(() =>
                GeneratorModel.Load(TestPaths.Fixture("generator_v1_rgb_4x4.onnx"), new GeneratorOptions { Device = ExecutionDevice.DirectML }));
            Assert.That(e.Message, Does.Contain("DirectML").And.Contain("Windows"));
        }
    }
}
