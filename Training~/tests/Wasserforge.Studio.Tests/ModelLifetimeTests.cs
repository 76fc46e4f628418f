using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Wasserforge.Explorer;
using Wasserforge.Studio.Explorer;
using Wasserforge.Studio.Tests.Support;
using Wasserforge.Tests;

namespace Wasserforge.Studio.Tests
{
    /// <summary>
    /// A model is freed only after the renders using it have finished, whether another model is opened
    /// or the studio stops. Each test holds a render inside the model with a gate it opens itself, so the
    /// order of events is fixed by the test, not by the machine's speed.
    /// </summary>
    public class ModelLifetimeTests
    {
        string _dir;
        string _model;

        [SetUp]
        public void Copy()
        {
            _dir = TestPaths.NewTempDir();
            _model = Path.Combine(_dir, "a.onnx");
            File.Copy(TestPaths.Fixture("generator_v1_rgb_4x4.onnx"), _model);
            File.Copy(TestPaths.Fixture("generator_v1_gray_4x2.onnx"), Path.Combine(_dir, "b.onnx"));
        }

        [TearDown]
        public void Clean() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

        /// <summary>Starts a render of the centre latent that waits for <paramref name="gate"/> before it generates.</summary>
        static Task<byte[]> GatedRender(ExplorerHost host, TaskCompletionSource started, Task gate) =>
            host.RenderAsync(s => s.CentreLatent, (model, z) =>
            {
                started.SetResult();
                gate.Wait();
                var rgba = new byte[model.Width * model.Height * 4];
                model.GenerateRgba32(z, 1, rgba);
                return rgba;
            });

        [Test]
        public async Task OpeningAnotherModelWaitsForTheRenderUsingTheOldOne()
        {
            using var host = new ExplorerHost();
            Assert.That(host.Open(_model), Is.True);
            var old = host.Current;
            var centre = host.Read(s => (float[])s.CentreLatent.Clone());
            var started = new TaskCompletionSource();
            var gate = new TaskCompletionSource();
            var render = GatedRender(host, started, gate.Task);
            await started.Task;

            Assert.That(host.Open(Path.Combine(_dir, "b.onnx")), Is.True, "the open does not wait for the render");
            Assert.That(old.Disposed.IsCompleted, Is.False, "the old model is still in use, so it is not freed");
            Assert.That(old.TryAcquire(), Is.False, "but no new render may start on it");

            gate.SetResult();
            Assert.That(await render, Is.EqualTo(Expected.One(_model, centre)), "the render finished on the model it started with");
            await old.Disposed;
            Assert.That(() => old.Model.Generate(centre, 1, new float[48]), Throws.InstanceOf<ObjectDisposedException>(), "freed once the render ended");
            Assert.That(host.Snapshot().ModelName, Is.EqualTo("b.onnx"));
        }

        [Test]
        public async Task StoppingWaitsForTheRenderThenFreesTheModel()
        {
            var host = new ExplorerHost();
            host.Open(_model);
            var shared = host.Current;
            var started = new TaskCompletionSource();
            var gate = new TaskCompletionSource();
            var render = GatedRender(host, started, gate.Task);
            await started.Task;

            var stopping = Task.Run(host.Dispose);
            SpinWait.SpinUntil(() => shared.IsClosed);   // Dispose has closed the model
            Assert.That(shared.Disposed.IsCompleted, Is.False, "not freed under the running render");
            Assert.That(stopping.IsCompleted, Is.False, "Dispose waits for the render");

            gate.SetResult();
            Assert.That(await render, Has.Length.EqualTo(64));
            await stopping;
            Assert.That(shared.Disposed.IsCompleted, Is.True, "freed before Dispose returned");
            Assert.That(host.Open(_model), Is.False, "a disposed host opens nothing");
        }

        [Test]
        public async Task GridRendersHoldALeaseUntilTheyEnd()
        {
            using var host = new ExplorerHost();
            host.Open(_model);
            var version = host.Version;
            var grid = await host.GridRgbaAsync(version, CancellationToken.None);
            Assert.That(grid, Has.Length.EqualTo(25 * 64));
            var shared = host.Current;
            // The render's continuation gives its lease back; it has run once the task is awaited and the pool got to it.
            SpinWait.SpinUntil(() => shared.Leases == 0);
            Assert.That(shared.Leases, Is.EqualTo(0));
            host.Open(Path.Combine(_dir, "b.onnx"));
            await shared.Disposed;
        }
    }
}
