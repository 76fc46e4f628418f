using System.Runtime.InteropServices;
using NUnit.Framework;
using Wasserforge.Inference;

namespace Wasserforge.Tests.Generation
{
    public class DeviceSelectionTests
    {
        static string Fixture => TestPaths.Fixture("generator_v1_rgb_4x4.onnx");

        static bool Reported(ExecutionDevice device) => OrtLibrary.Reports(OrtProviders.ProviderName(device));

        [Test]
        public void ExplicitCudaWithoutTheProviderIsAClearError()
        {
            if (Reported(ExecutionDevice.Cuda)) Assert.Ignore("this ONNX Runtime build has the CUDA provider.");
            var e = Assert.Throws<WasserforgeException>(() =>
                GeneratorModel.Load(Fixture, new GeneratorOptions { Device = ExecutionDevice.Cuda }).Dispose());
            Assert.That(e.Message, Does.Contain("Cuda was requested but is not available"));
            Assert.That(e.Message, Does.Contain("CUDA").And.Contain("CPUExecutionProvider"), "says what this build has instead");
        }

        [TestCase(ExecutionDevice.DirectML, "Windows")]
        [TestCase(ExecutionDevice.CoreML, "OSX")]
        public void ExplicitDeviceOfAnotherPlatformIsAClearError(ExecutionDevice device, string platform)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Create(platform.ToUpperInvariant()))) Assert.Ignore(device + " may exist here.");
            var e = Assert.Throws<WasserforgeException>(() => GeneratorModel.Load(Fixture, new GeneratorOptions { Device = device }).Dispose());
            Assert.That(e.Message, Does.Contain(device + " was requested but is not available: " + device + " exists only on"));
        }

        [Test]
        public void AutoFallsBackToCpuAndSaysWhyForEachDeviceInOrder()
        {
            foreach (var device in OrtProviders.AutoOrder)
                if (Reported(device)) Assert.Ignore(device + " is in this ONNX Runtime build and may be active.");
            using (var model = GeneratorModel.Load(Fixture))
            {
                Assert.That(model.ActiveDevice, Is.EqualTo(ExecutionDevice.Cpu));
                var report = model.DeviceReport;
                Assert.That(report, Does.StartWith("Cpu active; "));
                var previous = -1;
                foreach (var device in new[] { ExecutionDevice.DirectML, ExecutionDevice.Cuda, ExecutionDevice.CoreML, ExecutionDevice.Nnapi })
                {
                    var at = report.IndexOf(device + " skipped: ", System.StringComparison.Ordinal);
                    Assert.That(at, Is.GreaterThan(previous), device + " is reported after the device tried before it: " + report);
                    previous = at;
                }
                if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                    Assert.That(report, Does.Contain("DirectML skipped: DirectML exists only on Windows"));
            }
        }

        [Test]
        public void ExplicitCpuReportsOnlyTheCpu()
        {
            using (var model = GeneratorModel.Load(Fixture, new GeneratorOptions { Device = ExecutionDevice.Cpu }))
            {
                Assert.That(model.ActiveDevice, Is.EqualTo(ExecutionDevice.Cpu));
                Assert.That(model.DeviceReport, Is.EqualTo("Cpu active"));
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
            using (var m = GeneratorModel.Load(Fixture, new GeneratorOptions { Device = ExecutionDevice.Cpu }))
                m.Generate(z, 3, reference);
            using (var m = GeneratorModel.Load(Fixture, new GeneratorOptions { Device = ExecutionDevice.Cpu, IntraOpThreads = threads }))
                m.Generate(z, 3, output);
            Assert.That(output, Is.EqualTo(reference));
        }

        [Test]
        public void NegativeThreadCountIsRejected()
        {
            Assert.That(() => GeneratorModel.Load(Fixture, new GeneratorOptions { IntraOpThreads = -1 }),
                Throws.ArgumentException.With.Message.Contains("IntraOpThreads"));
        }
    }
}
