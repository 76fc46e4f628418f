using System;
using System.Runtime.InteropServices;
using Wasserforge.Torch.Native;
using static Wasserforge.Torch.Native.NativeMethods;

namespace Wasserforge.Torch
{
    /// <summary>A seeded CPU random generator (<c>torch.Generator</c>). Random tensors for any device are drawn on the CPU from it, so a seed gives the same numbers everywhere.</summary>
    public sealed class Generator : IDisposable
    {
        sealed class Handle : SafeHandle
        {
            public Handle() : base(IntPtr.Zero, true) { }
            public override bool IsInvalid => handle == IntPtr.Zero;
            public void Set(IntPtr h) => SetHandle(h);
            protected override bool ReleaseHandle() { wf_generator_free(handle); return true; }
        }

        readonly Handle _handle = new Handle();

        /// <summary>Creates a generator seeded with <paramref name="seed"/>.</summary>
        /// <exception cref="TorchException">The shim is missing.</exception>
        public Generator(ulong seed)
        {
            Shim.EnsureLoaded();
            Shim.Check(wf_generator_new(seed, 0, out var g));
            _handle.Set(g);
        }

        /// <exception cref="ObjectDisposedException">The generator was disposed.</exception>
        internal IntPtr H => _handle.IsClosed ? throw new ObjectDisposedException(nameof(Generator)) : _handle.DangerousGetHandle();

        /// <summary>The generator's full state (for checkpoints).</summary>
        /// <exception cref="ObjectDisposedException">The generator was disposed.</exception>
        public byte[] get_state()
        {
            Shim.Check(wf_generator_get_state(H, out var t));
            using (var state = new Tensor(t)) { DisposeScope.Detach(state); return state.data<byte>(); }
        }

        /// <summary>Restores a state from <see cref="get_state"/>.</summary>
        /// <exception cref="TorchException">The bytes are not a valid state.</exception>
        /// <exception cref="ObjectDisposedException">The generator was disposed.</exception>
        public void set_state(byte[] state)
        {
            if (state == null) throw new ArgumentNullException(nameof(state));
            using (var t = torch.tensor(state, new long[] { state.Length }))
            {
                DisposeScope.Detach(t);
                Shim.Check(wf_generator_set_state(H, t.H));
            }
        }

        /// <summary>Frees the generator.</summary>
        public void Dispose() => _handle.Dispose();
    }
}
