using Wasserforge.Torch.Native;
using static Wasserforge.Torch.Native.NativeMethods;

namespace Wasserforge.Torch
{
    public sealed unsafe partial class Tensor
    {
        /// <summary>Same elements, new shape (−1 infers one dimension).</summary>
        public Tensor reshape(params long[] shape) { fixed (long* s = shape) return From(wf_reshape(H, s, shape.Length, out var r), r); }
        /// <summary>Alias of <see cref="reshape"/>.</summary>
        public Tensor view(params long[] shape) => reshape(shape);
        /// <summary>Reorders dimensions.</summary>
        public Tensor permute(params long[] dims) { fixed (long* d = dims) return From(wf_permute(H, d, dims.Length, out var r), r); }
        /// <summary>Swaps two dimensions.</summary>
        public Tensor transpose(long dim0, long dim1) => From(wf_transpose(H, dim0, dim1, out var r), r);
        /// <summary>A slice of <paramref name="length"/> elements of dimension <paramref name="dim"/> from <paramref name="start"/> (a view).</summary>
        public Tensor narrow(long dim, long start, long length) => From(wf_narrow(H, dim, start, length, out var r), r);
        /// <summary>Selects entries of dimension <paramref name="dim"/> by an int64 index tensor.</summary>
        public Tensor index_select(long dim, Tensor index) => From(wf_index_select(H, dim, index.H, out var r), r);
        /// <summary>Reverses the order along <paramref name="dims"/>.</summary>
        public Tensor flip(params long[] dims) { fixed (long* d = dims) return From(wf_flip(H, d, dims.Length, out var r), r); }
        /// <summary>Broadcasts to <paramref name="shape"/> (a view).</summary>
        public Tensor expand(params long[] shape) { fixed (long* s = shape) return From(wf_expand(H, s, shape.Length, out var r), r); }
        /// <summary>Flattens every dimension after the first.</summary>
        public Tensor flatten(int start_dim = 1)
        {
            if (start_dim != 1) throw new System.ArgumentException("only flatten(1) is supported", nameof(start_dim));
            return flatten_from_1();
        }

        /// <summary>Converts element type and/or device (null keeps it).</summary>
        public Tensor to(ScalarType? type = null, Device? device = null)
        {
            var d = device ?? default;
            return From(wf_tensor_to(H, type.HasValue ? (int)type.Value : -1, device.HasValue ? (int)d.Type : -1, d.Index, out var r), r);
        }
        /// <summary>Moves to <paramref name="device"/>.</summary>
        public Tensor to(Device device) => to(null, device);
        /// <summary>Moves to the CPU.</summary>
        public Tensor cpu() => to(Device.CPU);
    }
}
