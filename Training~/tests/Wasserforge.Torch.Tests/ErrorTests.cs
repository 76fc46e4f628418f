using System;
using System.Diagnostics;
using System.IO;
using NUnit.Framework;
using Wasserforge.Torch;

namespace Wasserforge.Torch.Tests
{
    public class ErrorTests
    {
        [Test]
        public void ShapeMismatchIsATorchExceptionWithLibtorchsMessage()
        {
            using var scope = torch.NewDisposeScope();
            var a = torch.zeros(new long[] { 2, 3 });
            var b = torch.zeros(new long[] { 4, 5 });
            var e = Assert.Throws<TorchException>(() => a.matmul(b));
            Assert.That(e.Message, Does.Contain("2x3").And.Contain("4x5"));
            Assert.That(e.Message, Does.Not.Contain("Exception raised from"));
        }

        [Test]
        public void BroadcastMismatchIsATorchException()
        {
            using var scope = torch.NewDisposeScope();
            Assert.Throws<TorchException>(() => { var _ = torch.zeros(new long[] { 3 }) + torch.zeros(new long[] { 4 }); });
        }

        [Test]
        public void MissingCudaDeviceIsExplained()
        {
            if (torch.cuda.is_available()) Assert.Ignore("this machine has CUDA");
            var e = Assert.Throws<TorchException>(() => torch.resolve_device("cuda", out _));
            Assert.That(e.Message, Does.Contain("CUDA"));
            var created = Assert.Throws<TorchException>(() => torch.zeros(new long[] { 2 }, device: Device.CUDA(0)));
            Assert.That(created.Message, Does.Contain("cuda:0").And.Contain("no CUDA device"));
            using (var cpu = torch.ones(new long[] { 2 }))
                Assert.That(Assert.Throws<TorchException>(() => cpu.to(Device.CUDA(1))).Message, Does.Contain("cuda:1"));
            Assert.Throws<TorchException>(() => torch.randn(new long[] { 2 }, device: Device.CUDA(0)));
            using (var lin = torch.nn.Linear(2, 2)) Assert.Throws<TorchException>(() => lin.to(Device.CUDA(0)));
            Assert.That(torch.resolve_device("auto", out var why), Is.EqualTo(Device.CPU));
            Assert.That(why, Does.StartWith("cpu (auto"));
        }

        [Test]
        public void UseAfterDisposeIsObjectDisposed()
        {
            var t = torch.ones(new long[] { 2 });
            t.Dispose();
            Assert.Throws<ObjectDisposedException>(() => t.sum());
            Assert.That(t.IsDisposed, Is.True);
        }

        [Test]
        public void ScopeDisposesWhatItOwnsAndKeepsWhatMovesOut()
        {
            Tensor inner, kept;
            using (var scope = torch.NewDisposeScope())
            {
                inner = torch.ones(new long[] { 2 }) * 3.0;
                kept = scope.MoveToOuter(inner + 1.0);
                Assert.That(scope.Count, Is.GreaterThanOrEqualTo(2));
            }
            Assert.That(inner.IsDisposed, Is.True);
            Assert.That(kept.IsDisposed, Is.False);
            Assert.That(kept.data<float>(), Is.EqualTo(new float[] { 4, 4 }));
            kept.Dispose();
        }

        [Test]
        public void NestedScopesHandResultsOutward()
        {
            Tensor kept, detached;
            using (var outer = torch.NewDisposeScope())
            {
                using (torch.NewDisposeScope())
                {
                    kept = (torch.ones(new long[] { 2 }) * 2.0).MoveToOuterDisposeScope();
                    detached = torch.zeros(new long[] { 1 }).DetachFromDisposeScope();
                }
                Assert.That(kept.IsDisposed, Is.False);
                Assert.That(outer.Count, Is.EqualTo(1));
            }
            Assert.That(kept.IsDisposed, Is.True);
            Assert.That(detached.IsDisposed, Is.False);
            detached.Dispose();
            Assert.That(detached.IsDisposed, Is.True);
        }

        [Test]
        public void NoCppExceptionCrossesTheBoundaryOnBadArguments()
        {
            using var scope = torch.NewDisposeScope();
            var x = torch.zeros(new long[] { 1, 2, 3, 3 });
            Assert.Throws<TorchException>(() => torch.nn.functional.conv2d(x, torch.zeros(new long[] { 4, 5, 3, 3 })));
            Assert.Throws<TorchException>(() => torch.nn.functional.pad(x, new long[] { 5, 5, 5, 5 }, PaddingModes.Circular));
            Assert.Throws<TorchException>(() => x.reshape(7));
            Assert.Throws<TorchException>(() => x.narrow(1, 1, 5));
            Assert.That(x.sum().item(), Is.EqualTo(0));   // still usable afterwards
        }

        [Test]
        public void MissingShimLibraryIsAClearException()
        {
            // A child process whose copy of this test assembly's folder lacks the shim must fail with our message, not crash.
            var here = AppContext.BaseDirectory;
            var dir = Path.Combine(Path.GetTempPath(), "wf-noshim-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            try
            {
                foreach (var f in Directory.GetFiles(here))
                    if (!Path.GetFileName(f).StartsWith("libwasserforge_torch", StringComparison.Ordinal)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
                var psi = new ProcessStartInfo("dotnet", $"exec \"{Path.Combine(dir, "Wasserforge.Torch.Tests.dll")}\"")
                {
                    RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                };
                psi.Environment["WF_PROBE_MISSING_SHIM"] = "1";
                using var p = Process.Start(psi);
                var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
                p.WaitForExit(60000);
                Assert.That(output, Does.Contain("MISSING-SHIM-OK"));
                Assert.That(output, Does.Contain("Tools~/build-native.sh"));
            }
            finally { Directory.Delete(dir, true); }
        }
    }
}
