using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using NUnit.Framework;
using Wasserforge.Deterministic;

namespace Wasserforge.Tests.Deterministic
{
    /// <summary>
    /// The deterministic device's promise: SHA-256 of the RGBA32 pixels (rows top-down) for fixed seeds
    /// and truncations are the same everywhere. The expected hashes in golden_hashes.txt were computed
    /// by an independent implementation of the same arithmetic (reference_deterministic.py: Python,
    /// exact integers, plain matrix products), so they depend only on the specification
    /// (<see cref="DeterministicGenerator.Algorithm"/>). Every platform, instruction set, runtime,
    /// thread count and kernel must reproduce them, and so must <see cref="GeneratorModel"/> on
    /// <see cref="ExecutionDevice.Deterministic"/>; Tools~/test.sh runs this fixture again with
    /// DOTNET_EnableHWIntrinsic=0, DOTNET_EnableAVX512F=0, DOTNET_EnableAVX2=0 and DOTNET_MaxVectorTBitWidth=512.
    /// </summary>
    [Category("Golden")]
    public class GoldenHashTests
    {
        /// <summary>(generator, first seed, count, ψ, SHA-256 of the batch's RGBA32 bytes) per line of golden_hashes.txt.</summary>
        static IEnumerable<object[]> Cases()
        {
            var file = Path.Combine(TestPaths.PackageRoot, "Tests", "Runtime", "Deterministic", "golden_hashes.txt");
            foreach (var line in File.ReadAllLines(file))
            {
                if (line.Length == 0 || line[0] == '#') continue;
                var f = line.Split(' ');
                yield return new object[] { f[0], ulong.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture),
                                            float.Parse(f[3], CultureInfo.InvariantCulture), f[4] };
            }
        }

        [Test]
        public void TheGoldenFileCoversTheThreeGenerators()
        {
            var files = new HashSet<string>();
            foreach (var c in Cases()) files.Add((string)c[0]);
            Assert.That(files, Is.EquivalentTo(new[] { "Samples~/TextureFromSeed/ProceduralTextures.onnx", "Tests/Fixtures/generator_v1_tileable_16.onnx", "Tests/Fixtures/generator_v1_sprite_rgba_16.onnx" }));
        }

        static byte[] Pixels(string file, ulong seed, int count, float psi, int threads, bool scalar)
        {
            var bytes = File.ReadAllBytes(Path.Combine(TestPaths.PackageRoot, file));
            var kernels = scalar ? KernelChoice.Scalar : KernelChoice.Default;
            using (var g = DeterministicGenerator.Load(bytes, new DeterministicOptions { Threads = threads }, file, kernels, true, threads == 8 ? 0 : WorkerPool.MinParallelWork))
            {
                var z = DeterministicModels.Latents(g.LatentDim, count, seed, psi);
                var rgba = new byte[count * g.Width * g.Height * 4];
                g.GenerateRgba32(z, count, rgba);
                return rgba;
            }
        }

        static string Sha256(byte[] data)
        {
            using (var sha = SHA256.Create())
            {
                var hash = sha.ComputeHash(data);
                var text = new StringBuilder(64);
                foreach (var b in hash) text.Append(b.ToString("x2"));
                return text.ToString();
            }
        }

        [TestCaseSource(nameof(Cases))]
        public void PixelsHashToTheGoldenValue(string file, ulong seed, int count, float psi, string golden)
        {
            foreach (var threads in new[] { 1, 2, 8 })
                Assert.That(Sha256(Pixels(file, seed, count, psi, threads, false)), Is.EqualTo(golden), $"{file} seed {seed} ψ {psi}, {threads} threads");
            Assert.That(Sha256(Pixels(file, seed, count, psi, 2, true)), Is.EqualTo(golden), $"{file} seed {seed} ψ {psi}, scalar kernels");
        }

        [TestCaseSource(nameof(Cases))]
        public void GeneratorModelOnTheDeterministicDeviceGivesTheGoldenHash(string file, ulong seed, int count, float psi, string golden)
        {
            var options = new GeneratorOptions { Device = ExecutionDevice.Deterministic, IntraOpThreads = 2 };
            using (var model = GeneratorModel.Load(Path.Combine(TestPaths.PackageRoot, file), options))
            {
                var rgba = new byte[count * model.Width * model.Height * 4];
                model.GenerateRgba32(DeterministicModels.Latents(model.LatentDim, count, seed, psi), count, rgba);
                Assert.That(Sha256(rgba), Is.EqualTo(golden), $"{file} seed {seed} ψ {psi} through GeneratorModel");
            }
        }

        [Test]
        public void TheRunReportsItsKernels() =>
            TestContext.Out.WriteLine($"Vector<int> accelerated: {System.Numerics.Vector.IsHardwareAccelerated}, lanes {System.Numerics.Vector<int>.Count}; kernels {(KernelChoice.Default.Vectorized ? "vector" : "scalar")}; {RuntimeDescription()}");

        static string RuntimeDescription() =>
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription + " " + System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture;
    }
}
