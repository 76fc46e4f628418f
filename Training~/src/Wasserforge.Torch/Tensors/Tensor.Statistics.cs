using System;
using Wasserforge.Torch.Native;
using static Wasserforge.Torch.Native.NativeMethods;

namespace Wasserforge.Torch
{
    public sealed unsafe partial class Tensor
    {
        Tensor VarStd(int op, long[] dims, bool unbiased, bool keepdim)
        {
            dims = dims ?? Array.Empty<long>();
            fixed (long* d = dims) return From(wf_var_std(op, H, d, dims.Length, unbiased ? 1 : 0, keepdim ? 1 : 0, out var r), r);
        }

        /// <summary>Variance of all elements (Bessel-corrected when <paramref name="unbiased"/>, PyTorch's default).</summary>
        public Tensor var(bool unbiased = true) => VarStd(0, null, unbiased, false);
        /// <summary>Variance over <paramref name="dims"/>.</summary>
        /// <exception cref="TorchException">A dimension is out of range.</exception>
        public Tensor var(long[] dims, bool unbiased = true, bool keepdim = false) => VarStd(0, dims, unbiased, keepdim);
        /// <summary>Standard deviation of all elements.</summary>
        public Tensor std(bool unbiased = true) => VarStd(1, null, unbiased, false);
        /// <summary>Standard deviation over <paramref name="dims"/>.</summary>
        /// <exception cref="TorchException">A dimension is out of range.</exception>
        public Tensor std(long[] dims, bool unbiased = true, bool keepdim = false) => VarStd(1, dims, unbiased, keepdim);

        /// <summary>Index of the largest element of the flattened tensor (int64 scalar).</summary>
        public Tensor argmax() => From(wf_argmax(H, 0, 1, 0, out var r), r);
        /// <summary>Indices of the largest elements along <paramref name="dim"/> (int64).</summary>
        /// <exception cref="TorchException">The dimension is out of range.</exception>
        public Tensor argmax(long dim, bool keepdim = false) => From(wf_argmax(H, dim, 0, keepdim ? 1 : 0, out var r), r);

        /// <summary>Smallest element over <paramref name="dims"/>.</summary>
        /// <exception cref="TorchException">A dimension is out of range.</exception>
        public Tensor amin(long[] dims, bool keepdim = false) => Reduce(3, dims, keepdim);
    }
}
