using static Wasserforge.Torch.Native.NativeMethods;

namespace Wasserforge.Torch
{
    public sealed unsafe partial class Tensor
    {
        /// <summary>Elementwise <c>this ≥ other</c> (bool).</summary>
        /// <exception cref="TorchException">The shapes do not broadcast.</exception>
        public Tensor ge(Tensor other) => Binary(10, this, other);
        /// <summary>Elementwise <c>this ≤ other</c> (bool).</summary>
        /// <exception cref="TorchException">The shapes do not broadcast.</exception>
        public Tensor le(Tensor other) => Binary(11, this, other);
        /// <summary>Elementwise <c>this ≠ other</c> (bool).</summary>
        /// <exception cref="TorchException">The shapes do not broadcast.</exception>
        public Tensor ne(Tensor other) => Binary(12, this, other);

        /// <summary>Elementwise <c>this &gt; value</c> (bool).</summary>
        public Tensor gt(double value) => Scalar(7, this, value);
        /// <summary>Elementwise <c>this &lt; value</c> (bool).</summary>
        public Tensor lt(double value) => Scalar(8, this, value);
        /// <summary>Elementwise <c>this ≥ value</c> (bool).</summary>
        public Tensor ge(double value) => Scalar(9, this, value);
        /// <summary>Elementwise <c>this ≤ value</c> (bool).</summary>
        public Tensor le(double value) => Scalar(10, this, value);
        /// <summary>Elementwise <c>this == value</c> (bool).</summary>
        public Tensor eq(double value) => Scalar(11, this, value);
        /// <summary>Elementwise <c>this ≠ value</c> (bool).</summary>
        public Tensor ne(double value) => Scalar(12, this, value);

        /// <summary><paramref name="value"/> raised to each element (<c>torch.pow(scalar, tensor)</c>).</summary>
        public Tensor rpow(double value) => Scalar(13, this, value);
    }
}
