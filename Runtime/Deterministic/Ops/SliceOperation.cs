using System;

namespace Wasserforge.Deterministic
{
    /// <summary>
    /// ONNX Slice with constant bounds and step 1 on non-batch axes: copies the box
    /// [start, start + length) of every axis of each sample. Values and exponents are kept.
    /// </summary>
    internal sealed class SliceOperation : Operation
    {
        readonly TensorShape _inShape;
        readonly int[] _starts;

        public SliceOperation(string label, int input, int output, TensorShape inShape, int[] starts, int[] lengths)
            : base(label, new[] { input }, output, new TensorShape(lengths))
        {
            _inShape = inShape;
            _starts = starts;
        }

        public override void Run(ExecutionState state)
        {
            var input = state.Input(this, 0);
            var output = state.Output(this);
            for (var n = 0; n < state.Count; n++)
            {
                var dst = n * OutputShape.Size;
                Copy(input.Data, n * _inShape.Size, output.Data, ref dst, 0);
                output.Exponents[n] = input.Exponents[n];
            }
        }

        /// <summary>Copies the box below <paramref name="axis"/>; <paramref name="src"/> is the offset of the box's corner along the axes above.</summary>
        void Copy(int[] from, int src, int[] to, ref int dst, int axis)
        {
            var stride = 1;
            for (var a = axis + 1; a < _inShape.Rank; a++) stride *= _inShape[a];
            src += _starts[axis] * stride;
            var length = OutputShape[axis];
            if (axis == _inShape.Rank - 1)
            {
                Array.Copy(from, src, to, dst, length);
                dst += length;
                return;
            }
            for (var i = 0; i < length; i++) Copy(from, src + i * stride, to, ref dst, axis + 1);
        }
    }
}
