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
        /// <summary>Flattens dimensions <paramref name="start_dim"/>…<paramref name="end_dim"/> into one (PyTorch's defaults: everything; <c>nn.Flatten</c> starts at 1).</summary>
        /// <exception cref="TorchException">A dimension is out of range.</exception>
        public Tensor flatten(long start_dim = 0, long end_dim = -1) => From(wf_flatten(H, start_dim, end_dim, out var r), r);
        /// <summary>Inserts a dimension of size 1 at <paramref name="dim"/>.</summary>
        /// <exception cref="TorchException">The dimension is out of range.</exception>
        public Tensor unsqueeze(long dim) => From(wf_unsqueeze(H, dim, out var r), r);
        /// <summary>Removes every dimension of size 1.</summary>
        public Tensor squeeze() => From(wf_squeeze(H, 0, 1, out var r), r);
        /// <summary>Removes dimension <paramref name="dim"/> when its size is 1.</summary>
        /// <exception cref="TorchException">The dimension is out of range.</exception>
        public Tensor squeeze(long dim) => From(wf_squeeze(H, dim, 0, out var r), r);
        /// <summary>Elements <paramref name="start"/>, start+step, … before <paramref name="end"/> of dimension <paramref name="dim"/> (Python's <c>x[:, start:end:step]</c>; a view). Out-of-range bounds are clipped as in Python.</summary>
        /// <exception cref="TorchException">The dimension is out of range or the step is not positive.</exception>
        public Tensor slice(long dim, long start, long end, long step = 1) => From(wf_slice(H, dim, start, end, step, out var r), r);
        /// <summary>Tiles the tensor <paramref name="repeats"/> times along each dimension.</summary>
        /// <exception cref="TorchException">Fewer repeats than dimensions.</exception>
        public Tensor repeat(params long[] repeats) { fixed (long* p = repeats) return From(wf_repeat(H, p, repeats.Length, out var r), r); }

        /// <summary>Converts element type and/or device (null keeps it).</summary>
        /// <exception cref="TorchException">The device does not exist here.</exception>
        public Tensor to(ScalarType? type = null, Device? device = null)
        {
            var d = device ?? default;
            if (device.HasValue) Shim.CheckDevice(d);
            return From(wf_tensor_to(H, type.HasValue ? (int)type.Value : -1, device.HasValue ? (int)d.Type : -1, d.Index, out var r), r);
        }
        /// <summary>Moves to <paramref name="device"/>.</summary>
        public Tensor to(Device device) => to(null, device);
        /// <summary>Moves to the CPU.</summary>
        public Tensor cpu() => to(Device.CPU);
    }
}
