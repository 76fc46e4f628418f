using System;

namespace Wasserforge.Deterministic
{
    /// <summary>The shape of one sample of a tensor (the batch dimension left out), e.g. [C, H, W] or [F].</summary>
    internal sealed class TensorShape
    {
        public readonly int[] Dims;

        public TensorShape(params int[] dims)
        {
            Dims = dims;
            long size = 1;
            foreach (var d in dims) size *= d;
            if (size > int.MaxValue / 16) throw new ArgumentException($"a sample of shape {this} is too large.");
            Size = (int)size;
        }

        /// <summary>Values per sample.</summary>
        public int Size { get; }
        public int Rank => Dims.Length;
        public int this[int axis] => Dims[axis];

        /// <summary>Channels, height and width of a rank-3 shape.</summary>
        public int Channels => Dims[0];
        public int Height => Dims[1];
        public int Width => Dims[2];

        public override string ToString() => "[N, " + string.Join(", ", Dims) + "]";
    }

    /// <summary>
    /// A batch of fixed-point values: sample n's value i is <see cref="Data"/>[n·size + i]·2^−<see cref="Exponents"/>[n],
    /// with |Data| ≤ 2^<see cref="FixedMath.ActivationBits"/>. One exponent per sample, so a sample's
    /// result never depends on the other samples of its batch. Buffers grow to the largest batch seen and are reused.
    /// </summary>
    internal sealed class FixedTensor
    {
        public readonly TensorShape Shape;
        public int[] Data = Array.Empty<int>();
        public int[] Exponents = Array.Empty<int>();
        public int Count;

        public FixedTensor(TensorShape shape) { Shape = shape; }

        /// <summary>Makes room for <paramref name="count"/> samples (allocates only when the batch is larger than before).</summary>
        public void Resize(int count)
        {
            var need = (long)count * Shape.Size;
            if (need > int.MaxValue) throw new ArgumentException($"a batch of {count} samples of {Shape} is too large.");
            if (Data.Length < need) Data = new int[need];
            if (Exponents.Length < count) Exponents = new int[count];
            Count = count;
        }
    }
}
