using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Wasserforge.Tests.Generation
{
    public class GeneratorConcurrencyTests
    {
        static float[] Latents(int count, int dim, int salt)
        {
            var z = new float[count * dim];
            for (var i = 0; i < z.Length; i++) z[i] = (float)Math.Sin(i * 0.37 + salt);
            return z;
        }

        [Test]
        public void EightThreadsGiveTheSameBytesAsSerial()
        {
            using (var model = GeneratorModel.Load(TestPaths.Fixture("generator_v1_rgb_4x4.onnx")))
            {
                const int jobs = 64, batch = 5;
                var serial = new byte[jobs][];
                for (var j = 0; j < jobs; j++)
                {
                    serial[j] = new byte[batch * 64];
                    model.GenerateRgba32(Latents(batch, 8, j), batch, serial[j]);
                }
                var parallel = new byte[jobs][];
                var threads = new Thread[8];
                var next = -1;
                Exception failure = null;
                for (var t = 0; t < threads.Length; t++)
                {
                    threads[t] = new Thread(() =>
                    {
                        try
                        {
                            int j;
                            while ((j = Interlocked.Increment(ref next)) < jobs)
                            {
                                var rgba = new byte[batch * 64];
                                model.GenerateRgba32(Latents(batch, 8, j), batch, rgba);
                                parallel[j] = rgba;
                            }
                        }
                        catch (Exception e) { failure = e; }
                    });
                    threads[t].Start();
                }
                foreach (var t in threads) t.Join();
                Assert.That(failure, Is.Null);
                for (var j = 0; j < jobs; j++) Assert.That(parallel[j], Is.EqualTo(serial[j]), "job " + j);
            }
        }

        [Test]
        public async Task AsyncGivesTheSameResultAsSync()
        {
            using (var model = GeneratorModel.Load(TestPaths.Fixture("generator_v1_rgb_4x4.onnx")))
            {
                var z = Latents(4, 8, 3);
                var sync = new byte[4 * 64];
                model.GenerateRgba32(z, 4, sync);
                var async = new byte[4 * 64];
                await model.GenerateRgba32Async(z, 4, async);
                Assert.That(async, Is.EqualTo(sync));
                var floats = new float[4 * 48];
                await model.GenerateAsync(z, 4, floats);
                var syncFloats = new float[4 * 48];
                model.Generate(z, 4, syncFloats);
                Assert.That(floats, Is.EqualTo(syncFloats));
            }
        }

        [Test]
        public void CancelledTokenCancels()
        {
            using (var model = GeneratorModel.Load(TestPaths.Fixture("generator_v1_rgb_4x4.onnx")))
            using (var cts = new CancellationTokenSource())
            {
                cts.Cancel();
                Assert.That(async () => await model.GenerateRgba32Async(new float[8], 1, new byte[64], false, cts.Token),
                    Throws.InstanceOf<OperationCanceledException>());
            }
        }
    }
}
