using System;
using System.IO;
using System.Threading;
using NUnit.Framework;
using Wasserforge.Deterministic;
using Wasserforge.Inference;
using Wasserforge.Tests.Deterministic;

namespace Wasserforge.Tests.Generation
{
    /// <summary>
    /// <see cref="ExecutionDevice.Deterministic"/> through <see cref="GeneratorModel"/>: chosen only when
    /// asked for, the same bits as <see cref="DeterministicGenerator"/> on every call form, its threads,
    /// refusals, cancellation and disposal.
    /// </summary>
    public class DeterministicDeviceTests
    {
        static readonly string[] Generators =
        {
            "Samples~/TextureFromSeed/ProceduralTextures.onnx", "Tests/Fixtures/generator_v1_tileable_16.onnx", "Tests/Fixtures/generator_v1_sprite_rgba_16.onnx",
        };

        static string PathOf(string file) => Path.Combine(TestPaths.PackageRoot, file);

        static GeneratorOptions Deterministic(int threads = 0) => new GeneratorOptions { Device = ExecutionDevice.Deterministic, IntraOpThreads = threads };

        [Test]
        public void AutoNeverPicksTheDeterministicDevice()
        {
            Assert.That(OrtProviders.AutoOrder, Does.Not.Contain(ExecutionDevice.Deterministic));
            using (var model = GeneratorModel.Load(PathOf(Generators[0])))
            {
                Assert.That(model.ActiveDevice, Is.Not.EqualTo(ExecutionDevice.Deterministic));
                Assert.That(model.DeviceReport, Does.Not.Contain("Deterministic"));
            }
        }

        [TestCase(1, "1 thread")]
        [TestCase(3, "3 threads")]
        public void ReportNamesTheAlgorithmAndThreads(int threads, string text)
        {
            using (var model = GeneratorModel.Load(PathOf(Generators[0]), Deterministic(threads)))
            {
                Assert.That(model.ActiveDevice, Is.EqualTo(ExecutionDevice.Deterministic));
                Assert.That(model.DeviceReport, Is.EqualTo($"Deterministic active (wf-fixed-1, {text})"));
                Assert.That(DeterministicGenerator.Algorithm, Is.EqualTo("wf-fixed-1"));
            }
        }

        [Test]
        public void ZeroThreadsMeansOnePerLogicalProcessorUpToSixteen()
        {
            using (var model = GeneratorModel.Load(PathOf(Generators[0]), Deterministic()))
            {
                var expected = Math.Min(16, Environment.ProcessorCount);
                Assert.That(model.DeviceReport, Is.EqualTo($"Deterministic active (wf-fixed-1, {expected} thread{(expected == 1 ? "" : "s")})"));
            }
        }

        [TestCaseSource(nameof(Generators))]
        public void PixelsAndFloatsAreTheDeterministicGenerators(string file)
        {
            var bytes = File.ReadAllBytes(PathOf(file));
            const int count = 5;
            using (var g = DeterministicGenerator.Load(bytes, new DeterministicOptions { Threads = 1 }, file))
            using (var m = GeneratorModel.Load(bytes, Deterministic(2), file))
            {
                Assert.That(m.Description.ToMetadata(), Is.EquivalentTo(g.Description.ToMetadata()));
                var z = DeterministicModels.Latents(g.LatentDim, count, 11, 0.8f);
                foreach (var bottomUp in new[] { false, true })
                {
                    var expected = new byte[count * g.Width * g.Height * 4];
                    g.GenerateRgba32(z, count, expected, bottomUp);
                    var actual = new byte[expected.Length];
                    m.GenerateRgba32(z, count, actual, bottomUp);
                    Assert.That(actual, Is.EqualTo(expected), $"GenerateRgba32, bottomUp {bottomUp}");
                    var async = new byte[expected.Length];
                    m.GenerateRgba32Async(z, count, async, bottomUp).GetAwaiter().GetResult();
                    Assert.That(async, Is.EqualTo(expected), $"GenerateRgba32Async, bottomUp {bottomUp}");
                }
                var floats = new float[count * g.ValuesPerSample];
                g.Generate(z, count, floats);
                var modelFloats = new float[floats.Length];
                m.Generate(z, count, modelFloats);
                Assert.That(modelFloats, Is.EqualTo(floats), "Generate");
                var asyncFloats = new float[floats.Length];
                m.GenerateAsync(z, count, asyncFloats).GetAwaiter().GetResult();
                Assert.That(asyncFloats, Is.EqualTo(floats), "GenerateAsync");
            }
        }

        [Test]
        public void PointGeneratorsGenerateFloatsButNoPixels()
        {
            var bytes = DeterministicModels.Points();
            using (var g = DeterministicGenerator.Load(bytes))
            using (var m = GeneratorModel.Load(bytes, Deterministic(1), "points"))
            {
                var z = DeterministicModels.Latents(4, 3);
                var expected = new float[3 * 2];
                g.Generate(z, 3, expected);
                var actual = new float[6];
                m.Generate(z, 3, actual);
                Assert.That(actual, Is.EqualTo(expected));
                Assert.That(() => m.GenerateRgba32(z, 3, new byte[64]), Throws.InvalidOperationException.With.Message.Contains("points"));
            }
        }

        [Test]
        public void AnOperatorTheDeviceDoesNotRunIsRefusedWithItsName()
        {
            var b = new OnnxBuilder(5);
            b.ImageContract(8, 1, 2, 4);
            var x = b.Node("Gemm", new[] { "z", b.Random("w", 0.5f, 8, 8) });
            x = b.Node("Softmax", new[] { x });
            b.Identity(b.Node("Reshape", new[] { x, b.Longs("shape", -1, 1, 2, 4) }), "image");
            var bytes = b.Build();
            using (var ort = GeneratorModel.Load(bytes, new GeneratorOptions { Device = ExecutionDevice.Cpu }, "softmax.onnx"))
                Assert.That(ort.ActiveDevice, Is.EqualTo(ExecutionDevice.Cpu), "ONNX Runtime runs it");
            var e = Assert.Throws<ModelLoadException>(() => GeneratorModel.Load(bytes, Deterministic(), "softmax.onnx").Dispose());
            Assert.That(e.Reason, Is.EqualTo(ModelLoadError.UnsupportedOperator));
            Assert.That(e.Operator, Is.EqualTo("Softmax"));
            Assert.That(e.Message, Does.StartWith("softmax.onnx: ").And.Contain("Softmax"));
        }

        [TestCase("broken_v1_fixed_batch.onnx")]
        [TestCase("broken_v1_latent_mismatch.onnx")]
        [TestCase("broken_v99_contract.onnx")]
        public void BrokenModelsFailAsOnTheCpu(string fixture)
        {
            var path = TestPaths.Fixture(fixture);
            var cpu = Assert.Throws<ModelLoadException>(() => GeneratorModel.Load(path, new GeneratorOptions { Device = ExecutionDevice.Cpu }).Dispose());
            var det = Assert.Throws<ModelLoadException>(() => GeneratorModel.Load(path, Deterministic()).Dispose());
            Assert.That(det.Reason, Is.EqualTo(cpu.Reason));
            Assert.That(det.Message, Is.EqualTo(cpu.Message));
        }

        [Test]
        public void NotOnnxAndTruncatedBytesAreTold()
        {
            var good = File.ReadAllBytes(PathOf(Generators[1]));
            var cut = new byte[good.Length / 2];
            Array.Copy(good, cut, cut.Length);
            Assert.That(Assert.Throws<ModelLoadException>(() => GeneratorModel.Load(cut, Deterministic(), "cut.onnx")).Reason, Is.EqualTo(ModelLoadError.Truncated));
            Assert.That(Assert.Throws<ModelLoadException>(() => GeneratorModel.Load(new byte[] { 0x89, 0x50, 0x4e, 0x47, 1, 2, 3 }, Deterministic(), "png.onnx")).Reason, Is.EqualTo(ModelLoadError.NotOnnx));
        }

        [Test]
        public void NonFiniteLatentsAreRejected()
        {
            using (var m = GeneratorModel.Load(PathOf(Generators[1]), Deterministic(1)))
            {
                var z = new float[m.LatentDim];
                z[3] = float.NaN;
                Assert.That(() => m.GenerateRgba32(z, 1, new byte[m.Width * m.Height * 4]), Throws.ArgumentException.With.Message.Contains("finite"));
            }
        }

        [Test]
        public void CancellationStopsTheRunAndTheModelStaysUsable()
        {
            using (var m = GeneratorModel.Load(PathOf(Generators[0]), Deterministic(2)))
            using (var cts = new CancellationTokenSource())
            {
                var z = DeterministicModels.Latents(m.LatentDim, 1);
                cts.Cancel();
                var rgba = new byte[m.Width * m.Height * 4];
                Assert.That(() => m.GenerateRgba32Async(z, 1, rgba, false, cts.Token).GetAwaiter().GetResult(), Throws.InstanceOf<OperationCanceledException>());
                Assert.That(() => m.GenerateCancellable(z, 1, new float[m.ValuesPerSample], cts.Token), Throws.InstanceOf<OperationCanceledException>(), "checked inside the engine too");
                m.GenerateRgba32(z, 1, rgba);
                var again = new byte[rgba.Length];
                m.GenerateRgba32(z, 1, again);
                Assert.That(again, Is.EqualTo(rgba));
            }
        }

        [Test]
        public void DisposedModelRefusesToGenerateAndDisposesTwice()
        {
            var m = GeneratorModel.Load(PathOf(Generators[1]), Deterministic(2));
            m.Dispose();
            m.Dispose();
            Assert.That(() => m.GenerateRgba32(new float[m.LatentDim], 1, new byte[m.Width * m.Height * 4]), Throws.InstanceOf<ObjectDisposedException>());
        }

        [Test]
        public void SteadyStateGenerationAllocatesNothing()
        {
            using (var m = GeneratorModel.Load(PathOf(Generators[0]), Deterministic(1)))
            {
                var z = DeterministicModels.Latents(m.LatentDim, 2);
                var rgba = new byte[2 * m.Width * m.Height * 4];
                var floats = new float[2 * m.ValuesPerSample];
                m.GenerateRgba32(z, 2, rgba);
                m.Generate(z, 2, floats);
                // A per-call allocation shows in every window; a one-off of the runtime itself (tiered
                // compilation) in at most one, so steady state means some window allocated nothing.
                var windows = new long[5];
                for (var w = 0; w < windows.Length; w++)
                {
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    for (var i = 0; i < 20; i++) { m.GenerateRgba32(z, 2, rgba); m.Generate(z, 2, floats); }
                    windows[w] = GC.GetAllocatedBytesForCurrentThread() - before;
                    if (windows[w] == 0) break;
                }
                Assert.That(windows, Has.Some.EqualTo(0), "managed bytes allocated by each window of 40 generations: " + string.Join(", ", windows));
            }
        }
    }
}
