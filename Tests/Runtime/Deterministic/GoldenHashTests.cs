using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using NUnit.Framework;
using Wasserforge.Deterministic;

namespace Wasserforge.Tests.Deterministic
{
    /// <summary>
    /// The deterministic device's promise: SHA-256 of the RGBA32 pixels (rows top-down) for fixed seeds
    /// and truncations are the same everywhere. The hashes below were computed once (algorithm
    /// <see cref="DeterministicGenerator.Algorithm"/>); every platform, instruction set, runtime and
    /// thread count must reproduce them. Tools~/test.sh runs this fixture again with
    /// DOTNET_EnableHWIntrinsic=0, DOTNET_EnableAVX512F=0 and DOTNET_EnableAVX2=0.
    /// </summary>
    [Category("Golden")]
    public class GoldenHashTests
    {
        const string Sample = "Samples~/TextureFromSeed/ProceduralTextures.onnx";
        const string Tileable = "Tests/Fixtures/generator_v1_tileable_16.onnx";
        const string Sprite = "Tests/Fixtures/generator_v1_sprite_rgba_16.onnx";

        /// <summary>(generator, first seed, count, ψ) → SHA-256 of the batch's RGBA32 bytes.</summary>
        static readonly object[] s_cases =
        {
            new object[] { Sample, 1UL, 8, 1f, "f972b2cfc84f2c1620e8d28722858ee2b3fb4b64fe5d47991f03ca987521cdc5" },
            new object[] { Sample, 1000UL, 3, 0.7f, "0798e7c7414d2adfbb7e40684caeab7e94701109260998b9b2541509e5e7009b" },
            new object[] { Sample, 18446744073709551615UL, 1, 0.5f, "2feea947ee2e04e3ffeb1f94d54f6f2cffffa25010b83984713087dc3b9727b9" },
            new object[] { Tileable, 1UL, 8, 1f, "8fff2defac16c0bc9dcffb24e3ba075e3e298934b1fd70feff5b7aa7c280c843" },
            new object[] { Tileable, 77UL, 5, 0.7f, "9934ab8e3499fc94daae772d6833ca09ad679746db2da5cc297f5bac16319534" },
            new object[] { Sprite, 1UL, 8, 1f, "6b83f41b6d48dd1edcd6d5def0b1ad6327f440e735d704e1a1d5b97bf764b4c9" },
            new object[] { Sprite, 4242UL, 6, 0.8f, "36b0745bb6073fdce6c479a9dd72bbf708143ac01d3c11708e87c8b714323b1a" },
        };

        static byte[] Pixels(string file, ulong seed, int count, float psi, int threads, bool scalar)
        {
            var bytes = File.ReadAllBytes(Path.Combine(TestPaths.PackageRoot, file));
            var kernels = scalar ? KernelChoice.Scalar : KernelChoice.Default;
            using (var g = DeterministicGenerator.Load(bytes, new DeterministicOptions { Threads = threads }, file, kernels, true))
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

        [TestCaseSource(nameof(s_cases))]
        public void PixelsHashToTheGoldenValue(string file, ulong seed, int count, float psi, string golden)
        {
            foreach (var threads in new[] { 1, 2, 8 })
                Assert.That(Sha256(Pixels(file, seed, count, psi, threads, false)), Is.EqualTo(golden), $"{file} seed {seed} ψ {psi}, {threads} threads");
            Assert.That(Sha256(Pixels(file, seed, count, psi, 2, true)), Is.EqualTo(golden), $"{file} seed {seed} ψ {psi}, scalar kernels");
        }

        [Test]
        public void TheRunReportsItsKernels() =>
            TestContext.Out.WriteLine($"Vector<int> accelerated: {System.Numerics.Vector.IsHardwareAccelerated}, lanes {System.Numerics.Vector<int>.Count}; kernels {(KernelChoice.Default.Vectorized ? "vector" : "scalar")}; {RuntimeDescription()}");

        static string RuntimeDescription() =>
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription + " " + System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture;
    }
}
