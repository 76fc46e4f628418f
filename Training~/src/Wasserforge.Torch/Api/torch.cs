using System;
using System.Collections.Generic;
using Wasserforge.Torch.Native;
using static Wasserforge.Torch.Native.NativeMethods;

namespace Wasserforge.Torch
{
    /// <summary>The entry point, named like PyTorch and TorchSharp: <c>torch.randn</c>, <c>torch.nn.Linear</c>, <c>torch.autograd.grad</c>…</summary>
    public static unsafe partial class torch
    {
        /// <summary>Opens a scope that frees every tensor created on this thread until it is disposed.</summary>
        public static DisposeScope NewDisposeScope() { Shim.EnsureLoaded(); return new DisposeScope(); }

        /// <summary>libtorch's version, e.g. "libtorch 1.13.1".</summary>
        public static string version()
        {
            Shim.EnsureLoaded();
            var buf = new byte[64];
            fixed (byte* p = buf) Shim.Check(wf_version(p, buf.Length));
            return System.Text.Encoding.ASCII.GetString(buf).TrimEnd('\0');
        }

        /// <summary>Seeds the default generator.</summary>
        public static void manual_seed(ulong seed) { Shim.EnsureLoaded(); Shim.Check(wf_manual_seed(seed)); }

        /// <summary>Sets intra-op threads (0: one per core, the default here).</summary>
        public static void set_num_threads(int n) { Shim.EnsureLoaded(); Shim.Check(wf_set_num_threads(n)); }

        /// <summary>Intra-op threads in use.</summary>
        public static int get_num_threads() { Shim.EnsureLoaded(); Shim.Check(wf_get_num_threads(out var n)); return n; }

        /// <summary>Disables gradient recording until disposed (<c>with torch.no_grad()</c>).</summary>
        public static IDisposable no_grad() => new GradMode(false);

        /// <summary>Enables gradient recording until disposed.</summary>
        public static IDisposable enable_grad() => new GradMode(true);

        sealed class GradMode : IDisposable
        {
            readonly int _previous;
            bool _done;
            public GradMode(bool enabled) { Shim.EnsureLoaded(); Shim.Check(wf_set_grad_enabled(enabled ? 1 : 0, out _previous)); }
            public void Dispose()
            {
                if (_done) return;
                _done = true;
                Shim.Check(wf_set_grad_enabled(_previous, out _));
            }
        }

        static Tensor Full(long[] shape, double value, ScalarType dtype, Device? device)
        {
            Shim.EnsureLoaded();
            var d = device ?? Device.CPU;
            Shim.CheckDevice(d);
            fixed (long* s = shape) return Tensor.From(wf_full(s, shape.Length, value, (int)dtype, (int)d.Type, d.Index, out var r), r);
        }

        /// <summary>A tensor of zeros.</summary>
        public static Tensor zeros(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => Full(shape, 0, dtype, device);
        /// <summary>A tensor of ones.</summary>
        public static Tensor ones(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => Full(shape, 1, dtype, device);
        /// <summary>A tensor filled with <paramref name="value"/>.</summary>
        public static Tensor full(long[] shape, double value, ScalarType dtype = ScalarType.Float32, Device? device = null) => Full(shape, value, dtype, device);
        /// <summary>Zeros shaped, typed and placed like <paramref name="t"/>.</summary>
        public static Tensor zeros_like(Tensor t) => Full(t.shape, 0, t.dtype, t.device);
        /// <summary>Ones shaped, typed and placed like <paramref name="t"/>.</summary>
        public static Tensor ones_like(Tensor t) => Full(t.shape, 1, t.dtype, t.device);

        /// <summary>U[0, 1) samples.</summary>
        public static Tensor rand(long[] shape, Generator generator = null, ScalarType dtype = ScalarType.Float32, Device? device = null)
        {
            Shim.EnsureLoaded();
            var d = device ?? Device.CPU;
            Shim.CheckDevice(d);
            fixed (long* s = shape) return Tensor.From(wf_rand(s, shape.Length, generator?.H ?? IntPtr.Zero, (int)dtype, (int)d.Type, d.Index, out var r), r);
        }

        /// <summary>Standard normal samples.</summary>
        public static Tensor randn(long[] shape, Generator generator = null, ScalarType dtype = ScalarType.Float32, Device? device = null)
        {
            Shim.EnsureLoaded();
            var d = device ?? Device.CPU;
            Shim.CheckDevice(d);
            fixed (long* s = shape) return Tensor.From(wf_randn(s, shape.Length, generator?.H ?? IntPtr.Zero, (int)dtype, (int)d.Type, d.Index, out var r), r);
        }

        /// <summary>Integers uniform in [0, high), int64 on the CPU.</summary>
        public static Tensor randint(long high, long[] shape, Generator generator = null)
        {
            Shim.EnsureLoaded();
            fixed (long* s = shape) return Tensor.From(wf_randint(high, s, shape.Length, generator?.H ?? IntPtr.Zero, out var r), r);
        }

        /// <summary>0, 1, …, n−1.</summary>
        public static Tensor arange(long n, ScalarType dtype = ScalarType.Int64) { Shim.EnsureLoaded(); return Tensor.From(wf_arange(n, (int)dtype, out var r), r); }

        static Tensor FromSpan<T>(ReadOnlySpan<T> data, long[] shape, ScalarType dtype) where T : unmanaged
        {
            Shim.EnsureLoaded();
            long n = 1;
            foreach (var x in shape) n *= x;
            if (n != data.Length) throw new ArgumentException($"data has {data.Length} elements; shape [{string.Join(", ", shape)}] needs {n}.");
            fixed (T* p = data)
            fixed (long* s = shape)
                return Tensor.From(wf_from_blob(p, s, shape.Length, (int)dtype, out var r), r);
        }

        /// <summary>A float32 CPU tensor holding a copy of <paramref name="data"/>.</summary>
        /// <exception cref="ArgumentException">The element count does not match the shape.</exception>
        public static Tensor tensor(ReadOnlySpan<float> data, long[] shape) => FromSpan(data, shape, ScalarType.Float32);
        /// <summary>A float64 CPU tensor holding a copy of <paramref name="data"/>.</summary>
        public static Tensor tensor(ReadOnlySpan<double> data, long[] shape) => FromSpan(data, shape, ScalarType.Float64);
        /// <summary>An int64 CPU tensor holding a copy of <paramref name="data"/>.</summary>
        public static Tensor tensor(ReadOnlySpan<long> data, long[] shape) => FromSpan(data, shape, ScalarType.Int64);
        /// <summary>A uint8 CPU tensor holding a copy of <paramref name="data"/>.</summary>
        public static Tensor tensor(ReadOnlySpan<byte> data, long[] shape) => FromSpan(data, shape, ScalarType.Byte);

        /// <summary>Concatenates along <paramref name="dim"/>.</summary>
        public static Tensor cat(IReadOnlyList<Tensor> tensors, long dim = 0)
        {
            var hs = new IntPtr[tensors.Count];
            for (var i = 0; i < hs.Length; i++) hs[i] = tensors[i].H;
            fixed (IntPtr* p = hs) return Tensor.From(wf_cat(p, hs.Length, dim, out var r), r);
        }

        /// <summary>Elementwise choice: <paramref name="condition"/> ? a : b.</summary>
        public static Tensor where(Tensor condition, Tensor a, Tensor b) => Tensor.From(wf_where(condition.H, a.H, b.H, out var r), r);

        /// <summary>CUDA queries.</summary>
        public static class cuda
        {
            /// <summary>True when libtorch was built with CUDA and a GPU is visible.</summary>
            public static bool is_available() => device_count() > 0;
            /// <summary>Visible CUDA devices (0 on CPU builds).</summary>
            public static int device_count() { Shim.EnsureLoaded(); Shim.Check(wf_cuda_device_count(out var n)); return n; }
            /// <summary>Waits for every queued CUDA kernel (for timing); does nothing without CUDA.</summary>
            public static void synchronize() { Shim.EnsureLoaded(); Shim.Check(wf_cuda_synchronize()); }
        }

        /// <summary>Resolves <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c> to a device, and says why: "cuda:0 (auto: CUDA is available, 1 device)".</summary>
        /// <exception cref="TorchException">CUDA was requested but is not available.</exception>
        public static Device resolve_device(string requested, out string description)
        {
            var r = (requested ?? "auto").Trim().ToLowerInvariant();
            var n = cuda.device_count();
            if (r == "auto")
            {
                if (n > 0) { description = $"cuda:0 (auto: CUDA is available, {n} device{(n == 1 ? "" : "s")})"; return Device.CUDA(0); }
                description = "cpu (auto: no CUDA device; libtorch " + (version().Contains("cpu") ? "is CPU-only" : "found no GPU") + $", {get_num_threads()} threads)";
                return Device.CPU;
            }
            var d = Device.Parse(r);
            if (d.Type == DeviceType.CUDA && d.Index >= n)
                throw new TorchException($"device {d} was requested but {(n == 0 ? "no CUDA device is available (this libtorch build or machine has none)" : $"only {n} CUDA device(s) exist")}.");
            description = d.Type == DeviceType.CPU ? $"cpu ({get_num_threads()} threads)" : d.ToString();
            return d;
        }
    }
}
