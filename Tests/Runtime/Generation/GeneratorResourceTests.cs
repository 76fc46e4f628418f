using System;
using System.IO;
using NUnit.Framework;

namespace Wasserforge.Tests.Generation
{
    public class GeneratorResourceTests
    {
        [Test]
        public void SteadyStateGenerationAllocatesNothing()
        {
            using (var model = GeneratorModel.Load(TestPaths.Fixture("generator_v1_rgb_4x4.onnx")))
            {
                var z = new float[16 * 8];
                var floats = new float[16 * 48];
                var rgba = new byte[16 * 64];
                for (var i = 0; i < z.Length; i++) z[i] = (i % 7) * 0.3f - 1f;
                for (var i = 0; i < 20; i++) { model.Generate(z, 16, floats); model.GenerateRgba32(z, 16, rgba, true); }
                var before = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < 500; i++)
                {
                    model.Generate(z, 16, floats);
                    model.GenerateRgba32(z, 16, rgba, bottomUp: true);
                }
                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.That(allocated, Is.EqualTo(0), "managed bytes allocated by 1,000 generations");
            }
        }

        static long ResidentBytes()
        {
            // /proc/self/statm: size resident shared ... in pages.
            var fields = File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(fields[1]) * 4096;
        }

        [Test]
        public void TenThousandGenerationsKeepNativeMemoryFlat()
        {
            if (!File.Exists("/proc/self/statm")) Assert.Ignore("needs Linux /proc to read resident memory");
            using (var model = GeneratorModel.Load(TestPaths.Fixture("generator_v1_rgb_4x4.onnx")))
            {
                var z = new float[4 * 8];
                var rgba = new byte[4 * 64];
                for (var i = 0; i < 1000; i++) model.GenerateRgba32(z, 4, rgba);
                GC.Collect();
                var before = ResidentBytes();
                for (var i = 0; i < 10000; i++) { z[i % z.Length] = (i % 13) * 0.1f; model.GenerateRgba32(z, 4, rgba); }
                GC.Collect();
                var growth = ResidentBytes() - before;
                Assert.That(growth, Is.LessThan(8L << 20), $"resident memory grew by {growth / 1024} KiB over 10,000 generations");
            }
        }

        [Test]
        public void LoadingAndDisposingManyModelsKeepsMemoryFlat()
        {
            if (!File.Exists("/proc/self/statm")) Assert.Ignore("needs Linux /proc");
            var bytes = File.ReadAllBytes(TestPaths.Fixture("generator_v1_rgb_4x4.onnx"));
            for (var i = 0; i < 50; i++) GeneratorModel.Load(bytes).Dispose();
            GC.Collect();
            var before = ResidentBytes();
            for (var i = 0; i < 500; i++) GeneratorModel.Load(bytes).Dispose();
            GC.Collect();
            Assert.That(ResidentBytes() - before, Is.LessThan(16L << 20));
        }
    }
}
