using System;
using System.IO;
using NUnit.Framework;
using Wasserforge.Deterministic;

namespace Wasserforge.Tests.Deterministic
{
    /// <summary>
    /// The deterministic device against ONNX Runtime's float results (CPU provider) on the same
    /// latents: fixed point differs from float by a small rounding error, never by more.
    /// </summary>
    public class DeterministicParityTests
    {
        static string Sample => Path.Combine(TestPaths.PackageRoot, "Samples~", "TextureFromSeed", "ProceduralTextures.onnx");

        [TestCase("dcgan")]
        [TestCase("tileable")]
        [TestCase("odd")]
        [TestCase("points")]
        public void BuiltModelsMatchOnnxRuntime(string name)
        {
            var bytes = name == "dcgan" ? DeterministicModels.Dcgan() : name == "tileable" ? DeterministicModels.Tileable()
                : name == "odd" ? DeterministicModels.OddGeometry() : DeterministicModels.Points();
            Compare(bytes, name, 24, out _);
        }

        [TestCase("Samples~/TextureFromSeed/ProceduralTextures.onnx")]
        [TestCase("Tests/Fixtures/generator_v1_tileable_16.onnx")]
        [TestCase("Tests/Fixtures/generator_v1_sprite_rgba_16.onnx")]
        [TestCase("Tests/Fixtures/generator_v1_rgb_4x4.onnx")]
        [TestCase("Tests/Fixtures/generator_v1_gray_4x2.onnx")]
        [TestCase("Tests/Fixtures/points_v1_2d.onnx")]
        public void ShippedGeneratorsMatchOnnxRuntime(string file)
        {
            var path = Path.Combine(TestPaths.PackageRoot, file);
            Compare(File.ReadAllBytes(path), path, 32, out var levels);
            if (levels >= 0) Assert.That(levels, Is.LessThan(0.02), "fraction of 8-bit values that differ from ONNX Runtime's");
        }

        /// <summary>
        /// Float outputs agree within 2·10⁻³ of the output's range (tanh/sigmoid outputs) or of its largest
        /// magnitude; 8-bit levels differ by at most 1. Returns the fraction of differing levels (−1 for points).
        /// </summary>
        static void Compare(byte[] bytes, string name, int count, out double levelFraction)
        {
            using (var ort = GeneratorModel.Load(bytes, new GeneratorOptions { Device = ExecutionDevice.Cpu }, name))
            using (var det = DeterministicGenerator.Load(bytes, new DeterministicOptions { Threads = 2 }, name))
            {
                Assert.That(det.Description.LatentDim, Is.EqualTo(ort.LatentDim));
                Assert.That(det.ValuesPerSample, Is.EqualTo(ort.ValuesPerSample));
                var z = DeterministicModels.Latents(ort.LatentDim, count);
                var expected = new float[count * ort.ValuesPerSample];
                var actual = new float[expected.Length];
                ort.Generate(z, count, expected);
                det.Generate(z, count, actual);
                var scale = 0.0;
                foreach (var v in expected) scale = Math.Max(scale, Math.Abs(v));
                scale = Math.Max(scale, 1.0);
                var worst = 0.0;
                for (var i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
                Assert.That(worst, Is.LessThan(2e-3 * scale), $"{name}: largest difference from ONNX Runtime");
                levelFraction = -1;
                if (!ort.Description.IsImage) return;
                var a = new byte[count * ort.Width * ort.Height * 4];
                var b = new byte[a.Length];
                ort.GenerateRgba32(z, count, a);
                det.GenerateRgba32(z, count, b);
                var differ = 0;
                for (var i = 0; i < a.Length; i++)
                {
                    Assert.That(Math.Abs(a[i] - b[i]), Is.LessThanOrEqualTo(1), $"{name}: byte {i}");
                    if (a[i] != b[i]) differ++;
                }
                levelFraction = differ / (double)a.Length;
            }
        }
    }
}
