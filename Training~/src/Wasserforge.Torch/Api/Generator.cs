using System;
using Wasserforge.Torch.Native;
using static Wasserforge.Torch.Native.NativeMethods;

namespace Wasserforge.Torch
{
    /// <summary>A seeded CPU random generator (<c>torch.Generator</c>). Random tensors for any device are drawn on the CPU, so a seed gives the same numbers everywhere.</summary>
    public sealed class Generator : IDisposable
    {
        IntPtr _g;

        /// <summary>Creates a generator seeded with <paramref name="seed"/>.</summary>
        public Generator(ulong seed)
        {
            Shim.EnsureLoaded();
            Shim.Check(wf_generator_new(seed, 0, out _g));
        }

        internal IntPtr H => _g != IntPtr.Zero ? _g : throw new ObjectDisposedException(nameof(Generator));

        /// <summary>The generator's full state (for checkpoints).</summary>
        public byte[] get_state()
        {
            Shim.Check(wf_generator_get_state(H, out var t));
            using (var state = new Tensor(t)) { DisposeScope.Detach(state); return state.data<byte>(); }
        }

        /// <summary>Restores a state from <see cref="get_state"/>.</summary>
        /// <exception cref="TorchException">The bytes are not a valid state.</exception>
        public void set_state(byte[] state)
        {
            using (var t = torch.tensor(state, new long[] { state.Length }))
            {
                DisposeScope.Detach(t);
                Shim.Check(wf_generator_set_state(H, t.H));
            }
        }

        /// <summary>Frees the generator.</summary>
        public void Dispose()
        {
            if (_g == IntPtr.Zero) return;
            wf_generator_free(_g);
            _g = IntPtr.Zero;
        }
    }
}
