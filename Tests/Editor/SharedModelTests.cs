using System;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Wasserforge.Explorer;
using Wasserforge.Latent;

namespace Wasserforge.Tests.Explorer
{
    /// <summary>
    /// The explorers (the Unity window, the studio) render on worker threads while the UI thread may close
    /// the model: another model is picked, the window closes, a domain reload. The model must outlive every
    /// render using it. Each test holds a render at a gate it opens itself, so the order of events is fixed
    /// by the test, not by the machine's speed.
    /// </summary>
    public class SharedModelTests
    {
        static GeneratorModel Load() => GeneratorModel.Load(TestPaths.Fixture("generator_v1_rgb_4x4.onnx"));

        [Test]
        public void LeasesAreCounted()
        {
            var shared = new SharedModel(Load());
            Assert.That(shared.TryAcquire(), Is.True);
            Assert.That(shared.TryAcquire(), Is.True);
            var closed = shared.Close();
            shared.Release();
            Assert.That(closed.IsCompleted, Is.False, "one lease is still out");
            shared.Release();
            Assert.That(closed.IsCompleted, Is.True);
            Assert.That(() => shared.Release(), Throws.InvalidOperationException);
            Assert.That(shared.TryAcquire(), Is.False);
            Assert.That(() => shared.RunAsync(m => 1), Throws.InvalidOperationException.With.Message.Contain("closed"));
        }

        [Test]
        public void ClosingDuringAGridRenderWaitsForItsLastBatch()
        {
            // The window's Refresh: a lease around ExplorerRenderer.RenderAsync; its Release closes the model meanwhile.
            var shared = new SharedModel(Load());
            var renderer = new ExplorerRenderer(shared.Model, batchSize: 2);
            var firstBatchDone = new ManualResetEventSlim();
            var go = new ManualResetEventSlim();
            Assert.That(shared.TryAcquire(), Is.True);
            var render = shared.ReleaseWhenDone(renderer.RenderAsync(Latents(4), 4, (done, total) =>
            {
                if (done == 2) { firstBatchDone.Set(); go.Wait(); }
            }));
            firstBatchDone.Wait();
            var disposed = shared.Close();   // the window closes while the second batch is still to come
            Assert.That(disposed.IsCompleted, Is.False, "not freed under the running render");
            go.Set();
            var rgba = render.GetAwaiter().GetResult();   // the second batch ran on the live model: no ObjectDisposedException
            Assert.That(rgba, Has.Length.EqualTo(4 * 4 * 4 * 4));
            disposed.GetAwaiter().GetResult();
            Assert.That(() => shared.Model.GenerateRgba32(Latents(1), 1, new byte[64]), Throws.TypeOf<ObjectDisposedException>(), "freed once the render ended");
            renderer.Dispose();
        }

        [Test]
        public void ClosingDuringAOneOffRenderWaitsForIt()
        {
            // The window's path frame and export: RunAsync holds a lease for the whole job.
            var shared = new SharedModel(Load());
            var started = new ManualResetEventSlim();
            var go = new ManualResetEventSlim();
            var job = shared.RunAsync(m =>
            {
                started.Set();
                go.Wait();
                var frame = new byte[m.Width * m.Height * 4];
                m.GenerateRgba32(Latents(1), 1, frame);
                return frame;
            });
            started.Wait();
            var disposed = shared.Close();
            Assert.That(disposed.IsCompleted, Is.False);
            Assert.That(() => shared.RunAsync(m => 0), Throws.InvalidOperationException, "no new work once closed");
            go.Set();
            Assert.That(job.GetAwaiter().GetResult(), Has.Length.EqualTo(64));
            disposed.GetAwaiter().GetResult();
        }

        [Test]
        public void ClosingWithNoRenderFreesAtOnce()
        {
            var shared = new SharedModel(Load());
            Assert.That(shared.Close().IsCompleted, Is.True);
            Assert.That(shared.Close().IsCompleted, Is.True, "closing twice is harmless");
        }

        static float[] Latents(int count)
        {
            var z = new float[count * 8];
            for (var i = 0; i < count; i++) LatentSampler.Sample((ulong)(i + 1), 8).CopyTo(z, i * 8);
            return z;
        }
    }
}
