using System;
using System.IO;
using System.Threading.Tasks;
using NUnit.Framework;
using Wasserforge.Deterministic;

namespace Wasserforge.Tests.Deterministic
{
    /// <summary>
    /// What must never change a deterministic result: thread count, scalar or vector kernels, folding
    /// activations, batch composition, repetition, concurrent callers.
    /// </summary>
    public class DeterminismTests
    {
        static byte[] SampleBytes => File.ReadAllBytes(Path.Combine(TestPaths.PackageRoot, "Samples~", "TextureFromSeed", "ProceduralTextures.onnx"));

        static byte[] Model(string name) =>
            name == "sample" ? SampleBytes : name == "dcgan" ? DeterministicModels.Dcgan() : name == "tileable" ? DeterministicModels.Tileable() : DeterministicModels.OddGeometry();

        static byte[] Rgba(DeterministicGenerator g, float[] z, int count)
        {
            var rgba = new byte[count * g.Width * g.Height * 4];
            g.GenerateRgba32(z, count, rgba);
            return rgba;
        }

        static float[] Floats(DeterministicGenerator g, float[] z, int count)
        {
            var o = new float[count * g.ValuesPerSample];
            g.Generate(z, count, o);
            return o;
        }

        [TestCase("sample")]
        [TestCase("dcgan")]
        [TestCase("tileable")]
        [TestCase("odd")]
        public void KernelsThreadsAndFoldingNeverChangeABit(string name)
        {
            var bytes = Model(name);
            float[] reference;
            const int count = 9;
            float[] z;
            using (var g = DeterministicGenerator.Load(bytes, new DeterministicOptions { Threads = 1 }, name, KernelChoice.Scalar, false))
            {
                z = DeterministicModels.Latents(g.LatentDim, count, 40);
                reference = Floats(g, z, count);
            }
            foreach (var kernels in new[] { KernelChoice.Default, KernelChoice.Scalar })
                foreach (var threads in new[] { 1, 2, 3, 8 })
                    foreach (var fuse in new[] { true, false })
                        using (var g = DeterministicGenerator.Load(bytes, new DeterministicOptions { Threads = threads }, name, kernels, fuse, 0))
                            Assert.That(Floats(g, z, count), Is.EqualTo(reference), $"{(kernels.Vectorized ? "vector" : "scalar")} kernels, {threads} threads, fold {fuse}");
        }

        [Test]
        public void ASamplesResultDoesNotDependOnItsBatch()
        {
            using (var g = DeterministicGenerator.Load(SampleBytes, new DeterministicOptions { Threads = 2 }))
            {
                const int count = 11;
                var z = DeterministicModels.Latents(g.LatentDim, count, 7);
                var all = Rgba(g, z, count);
                var size = g.Width * g.Height * 4;
                for (var i = 0; i < count; i++)
                {
                    var one = Rgba(g, z.AsSpan(i * g.LatentDim, g.LatentDim).ToArray(), 1);
                    Assert.That(one, Is.EqualTo(all.AsSpan(i * size, size).ToArray()), $"sample {i}");
                }
                Assert.That(Rgba(g, z, count), Is.EqualTo(all), "a repeated call");
            }
        }

        [Test]
        public void ConcurrentCallersGetTheSameResults()
        {
            using (var g = DeterministicGenerator.Load(SampleBytes, new DeterministicOptions { Threads = 2 }))
            {
                var z = DeterministicModels.Latents(g.LatentDim, 4, 3);
                var expected = Rgba(g, z, 4);
                var results = new byte[6][];
                Parallel.For(0, results.Length, i => results[i] = Rgba(g, z, 4));
                foreach (var r in results) Assert.That(r, Is.EqualTo(expected));
            }
        }

        [Test]
        public void FloatOutputIsTheFixedPointValueAndRgbaItsExactLevel()
        {
            using (var g = DeterministicGenerator.Load(SampleBytes))
            {
                var z = DeterministicModels.Latents(g.LatentDim, 2, 1);
                var floats = Floats(g, z, 2);
                var rgba = Rgba(g, z, 2);
                var plane = g.Width * g.Height;
                for (var n = 0; n < 2; n++)
                    for (var c = 0; c < 3; c++)
                        for (var p = 0; p < plane; p++)
                        {
                            var v = floats[(n * 3 + c) * plane + p];
                            Assert.That(v * FixedMath.ActivationLimit, Is.EqualTo(Math.Round(v * FixedMath.ActivationLimit)), "a multiple of 2^-14 (tanh output)");
                            var level = Math.Max(0, Math.Min(255, Math.Floor((v + 1.0) * 127.5 + 0.5)));
                            Assert.That(rgba[(n * plane + p) * 4 + c], Is.EqualTo((byte)level));
                        }
                Assert.That(rgba[3], Is.EqualTo(255));
            }
        }

        [Test]
        public void BadArgumentsAreRefused()
        {
            var g = DeterministicGenerator.Load(SampleBytes);
            var z = new float[g.LatentDim];
            Assert.Throws<ArgumentException>(() => g.Generate(z, 0, new float[g.ValuesPerSample]));
            Assert.Throws<ArgumentException>(() => g.Generate(z, 2, new float[2 * g.ValuesPerSample]));
            Assert.Throws<ArgumentException>(() => g.GenerateRgba32(z, 1, new byte[10]));
            z[3] = float.NaN;
            var e = Assert.Throws<ArgumentException>(() => g.Generate(z, 1, new float[g.ValuesPerSample]));
            Assert.That(e.Message, Does.Contain("index 3"));
            Assert.Throws<ArgumentException>(() => DeterministicGenerator.Load(SampleBytes, new DeterministicOptions { Threads = -1 }));
            g.Dispose();
            g.Dispose();
            Assert.Throws<ObjectDisposedException>(() => g.Generate(new float[g.LatentDim], 1, new float[g.ValuesPerSample]));
        }

        [Test]
        public void ACancelledTokenStopsBeforeTheFirstLayer()
        {
            using (var g = DeterministicGenerator.Load(SampleBytes))
            using (var cts = new System.Threading.CancellationTokenSource())
            {
                cts.Cancel();
                var z = new float[g.LatentDim];
                Assert.Throws<OperationCanceledException>(() => g.GenerateRgba32(z, 1, new byte[g.Width * g.Height * 4], false, cts.Token));
                Assert.Throws<OperationCanceledException>(() => g.Generate(z, 1, new float[g.ValuesPerSample], cts.Token));
                Assert.That(Floats(g, z, 1), Has.Some.Not.EqualTo(0f), "the generator still works");
            }
        }

        [Test]
        public void PointGeneratorsGenerateFloatsOnly()
        {
            using (var g = DeterministicGenerator.Load(DeterministicModels.Points()))
            {
                Assert.That(g.Description.IsImage, Is.False);
                Assert.Throws<InvalidOperationException>(() => g.GenerateRgba32(new float[4], 1, new byte[16]));
                var o = new float[2];
                g.Generate(new float[] { 0.5f, -1f, 2f, 0.25f }, 1, o);
                Assert.That(o, Has.Some.Not.EqualTo(0f));
            }
        }
    }
}
