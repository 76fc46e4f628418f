using System;
using System.Runtime.InteropServices;
using Wasserforge.Torch.Native;
using static Wasserforge.Torch.Native.NativeMethods;

namespace Wasserforge.Torch
{
    /// <summary>
    /// A libtorch tensor. Disposable: free it with <see cref="Dispose"/>, or create it inside a
    /// <see cref="DisposeScope"/> (<c>using var scope = torch.NewDisposeScope();</c>) which frees it.
    /// Method names follow PyTorch (<c>sum</c>, <c>mean</c>, <c>reshape</c>, <c>backward</c>…).
    /// </summary>
    public sealed unsafe partial class Tensor : IDisposable
    {
        sealed class Handle : SafeHandle
        {
            public Handle(IntPtr h) : base(IntPtr.Zero, true) { SetHandle(h); }
            public override bool IsInvalid => handle == IntPtr.Zero;
            protected override bool ReleaseHandle() { wf_tensor_free(handle); return true; }
        }

        Handle _handle;
        internal DisposeScope Scope;

        internal Tensor(IntPtr handle)
        {
            if (handle == IntPtr.Zero) throw new TorchException("libtorch returned no tensor.");
            _handle = new Handle(handle);
            Scope = DisposeScope.Current;
            Scope?.Register(this);
        }

        /// <summary>Wraps the result of a shim call, or throws its error.</summary>
        internal static Tensor From(int rc, IntPtr handle)
        {
            Shim.Check(rc);
            return new Tensor(handle);
        }

        /// <summary>The native handle.</summary>
        /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
        internal IntPtr H
        {
            get
            {
                var h = _handle;
                if (h == null || h.IsClosed) throw new ObjectDisposedException(nameof(Tensor), "This tensor was disposed (directly or by its DisposeScope).");
                return h.DangerousGetHandle();
            }
        }

        /// <summary>True once disposed.</summary>
        public bool IsDisposed => _handle == null || _handle.IsClosed;

        /// <summary>Replaces the tensor this object refers to (used to move module parameters between devices in place).</summary>
        internal void Swap(Tensor other)
        {
            var old = _handle;
            _handle = other._handle;
            other._handle = null;
            DisposeScope.Detach(other);
            old?.Dispose();
        }

        /// <summary>Frees the native tensor now.</summary>
        public void Dispose()
        {
            Scope?.Forget(this);
            Scope = null;
            _handle?.Dispose();
        }

        internal void DisposeFromScope()
        {
            Scope = null;
            _handle?.Dispose();
        }

        /// <summary>Number of dimensions.</summary>
        public int dim() { Shim.Check(wf_tensor_dim(H, out var d)); return d; }

        /// <summary>The shape.</summary>
        public long[] shape
        {
            get
            {
                var s = new long[dim()];
                fixed (long* p = s) Shim.Check(wf_tensor_shape(H, p));
                return s;
            }
        }

        /// <summary>Size of dimension <paramref name="d"/> (negative counts from the end).</summary>
        public long size(int d) { var s = shape; return s[d < 0 ? s.Length + d : d]; }

        /// <summary>Element count.</summary>
        public long numel() { long n = 1; foreach (var x in shape) n *= x; return n; }

        /// <summary>Element type.</summary>
        public ScalarType dtype { get { Shim.Check(wf_tensor_dtype(H, out var t)); return (ScalarType)t; } }

        /// <summary>Where the tensor lives.</summary>
        public Device device
        {
            get
            {
                Shim.Check(wf_tensor_device(H, out var type, out var index));
                return new Device((DeviceType)type, index);
            }
        }

        /// <summary>The value of a one-element tensor.</summary>
        public double item() { Shim.Check(wf_tensor_item(H, out var v)); return v; }

        /// <summary>Copies the elements (row-major, on the CPU) into <paramref name="destination"/>, whose length must equal <see cref="numel"/>.</summary>
        public void CopyTo<T>(Span<T> destination) where T : unmanaged
        {
            fixed (T* p = destination) Shim.Check(wf_tensor_copy_to(H, p, (long)destination.Length * sizeof(T)));
        }

        /// <summary>The elements as a new array (row-major).</summary>
        public T[] data<T>() where T : unmanaged
        {
            var a = new T[numel()];
            CopyTo<T>(a);
            return a;
        }

        /// <inheritdoc/>
        public override string ToString() => IsDisposed ? "tensor(disposed)" : $"tensor([{string.Join(", ", shape)}], {dtype}, {device})";
    }
}
