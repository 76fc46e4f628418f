using System.IO;
using NUnit.Framework;
using Wasserforge.Onnx;

namespace Wasserforge.Tests.Generation
{
    public class DeviceSelectionTests
    {
        static bool CudaLibrariesPresent() =>
            OrtLibraryLocation.Find("libonnxruntime_providers_cuda.so") != null || OrtLibraryLocation.Find("onnxruntime_providers_cuda.dll") != null;

        [Test]
        public void ExplicitCudaWithoutProviderLibrariesIsAClearError()
        {
            if (CudaLibrariesPresent()) Assert.Ignore("ORT's CUDA provider libraries are installed here.");
            var e = Assert.Throws<WasserforgeException>(() =>
                GeneratorModel.Load(TestPaths.Fixture("generator_v1_rgb_4x4.onnx"), new GeneratorOptions { Device = ExecutionDevice.Cuda }).Dispose());
            Assert.That(e.Message, Does.Contain("Cuda was requested but is not available"));
            Assert.That(e.Message, Does.Contain("CUDA"));
        }

        [Test]
        public void AutoFallsBackToCpuAndSaysWhy()
        {
            if (CudaLibrariesPresent()) Assert.Ignore("ORT's CUDA provider libraries are installed here.");
            if (System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows)) Assert.Ignore("DirectML may be active on Windows.");
            using (var model = GeneratorModel.Load(TestPaths.Fixture("generator_v1_rgb_4x4.onnx")))
            {
                Assert.That(model.ActiveDevice, Is.EqualTo(ExecutionDevice.Cpu));
                Assert.That(model.DeviceReport, Does.StartWith("Cpu active"));
                Assert.That(model.DeviceReport, Does.Contain("DirectML skipped: DirectML exists only on Windows"));
                Assert.That(model.DeviceReport, Does.Contain("Cuda skipped:"));
            }
        }

        [TestCase(1)]
        [TestCase(2)]
        public void IntraOpThreadCountDoesNotChangeResults(int threads)
        {
            var z = new float[3 * 8];
            for (var i = 0; i < z.Length; i++) z[i] = (i % 5) * 0.4f - 1f;
            var reference = new float[3 * 48];
            var output = new float[3 * 48];
            using (var m = GeneratorModel.Load(TestPaths.Fixture("generator_v1_rgb_4x4.onnx"), new GeneratorOptions { Device = ExecutionDevice.Cpu }))
                m.Generate(z, 3, reference);
            using (var m = GeneratorModel.Load(TestPaths.Fixture("generator_v1_rgb_4x4.onnx"), new GeneratorOptions { Device = ExecutionDevice.Cpu, IntraOpThreads = threads }))
                m.Generate(z, 3, output);
            Assert.That(output, Is.EqualTo(reference));
        }

        [Test]
        public void NegativeThreadCountIsRejected()
        {
            Assert.That(() => GeneratorModel.Load(TestPaths.Fixture("generator_v1_rgb_4x4.onnx"), new GeneratorOptions { IntraOpThreads = -1 }),
                Throws.ArgumentException.With.Message.Contains("IntraOpThreads"));
        }
    }
}
