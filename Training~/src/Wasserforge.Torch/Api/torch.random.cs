using System;
using Wasserforge.Torch.Native;
using static Wasserforge.Torch.Native.NativeMethods;

namespace Wasserforge.Torch
{
    public static unsafe partial class torch
    {
        /// <summary>The default CPU generator's state (<c>torch.get_rng_state()</c>), for checkpoints.</summary>
        public static byte[] get_rng_state()
        {
            Shim.EnsureLoaded();
            Shim.Check(wf_default_generator_get_state(out var t));
            using (var state = new Tensor(t)) { DisposeScope.Detach(state); return state.data<byte>(); }
        }

        /// <summary>Restores the default CPU generator from <see cref="get_rng_state"/> bytes.</summary>
        /// <exception cref="TorchException">The bytes are not a generator state.</exception>
        public static void set_rng_state(byte[] state)
        {
            if (state == null) throw new ArgumentNullException(nameof(state));
            using (var t = DisposeScope.Detach(tensor(state, new long[] { state.Length })))
                Shim.Check(wf_default_generator_set_state(t.H));
        }

        /// <summary>A random permutation of 0…n−1 (int64, CPU).</summary>
        public static Tensor randperm(long n, Generator generator = null)
        {
            Shim.EnsureLoaded();
            return Tensor.From(wf_randperm(n, generator?.H ?? IntPtr.Zero, out var r), r);
        }

        /// <summary>Stacks equally shaped tensors along a new dimension <paramref name="dim"/>.</summary>
        /// <exception cref="TorchException">The shapes differ.</exception>
        public static Tensor stack(System.Collections.Generic.IReadOnlyList<Tensor> tensors, long dim = 0)
        {
            var hs = new IntPtr[tensors.Count];
            for (var i = 0; i < hs.Length; i++) hs[i] = tensors[i].H;
            fixed (IntPtr* p = hs) return Tensor.From(wf_stack(p, hs.Length, dim, out var r), r);
        }

        /// <summary>float32 (<c>torch.float32</c>).</summary>
        public const ScalarType float32 = ScalarType.Float32;
        /// <summary>float64.</summary>
        public const ScalarType float64 = ScalarType.Float64;
        /// <summary>int64.</summary>
        public const ScalarType int64 = ScalarType.Int64;
        /// <summary>bool.</summary>
        public const ScalarType @bool = ScalarType.Bool;
        /// <summary>uint8.</summary>
        public const ScalarType uint8 = ScalarType.Byte;

        /// <summary>Backend switches (<c>torch.backends</c>).</summary>
        public static class backends
        {
            /// <summary>cuDNN settings.</summary>
            public static class cudnn
            {
                static bool s_benchmark;
                /// <summary>Let cuDNN pick the fastest convolution algorithms for fixed shapes (no effect on CPU).</summary>
                public static bool benchmark
                {
                    get => s_benchmark;
                    set { Shim.EnsureLoaded(); Shim.Check(wf_set_cudnn_benchmark(value ? 1 : 0)); s_benchmark = value; }
                }
            }
        }
    }
}
