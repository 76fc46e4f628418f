using System;

namespace Wasserforge.Deterministic
{
    /// <summary>
    /// ONNX Concat along a non-batch axis. Each sample's output exponent is the smallest of its inputs'
    /// (the coarsest scale); inputs at finer scales are rounded to it, so |values| stay within 2^ActivationBits.
    /// </summary>
    internal sealed class ConcatOperation : Operation
    {
        readonly int _outer;
        readonly int[] _runs;   // per input: values per outer index (its axis length × inner size)

        public ConcatOperation(string label, int[] inputs, int output, TensorShape[] shapes, int axis, TensorShape outShape)
            : base(label, inputs, output, outShape)
        {
            _outer = 1;
            for (var a = 0; a < axis; a++) _outer *= outShape[a];
            var inner = 1;
            for (var a = axis + 1; a < outShape.Rank; a++) inner *= outShape[a];
            _runs = new int[shapes.Length];
            for (var i = 0; i < shapes.Length; i++) _runs[i] = shapes[i][axis] * inner;
        }

        public override void Run(ExecutionState state)
        {
            var output = state.Output(this);
            for (var n = 0; n < state.Count; n++)
            {
                var f = int.MaxValue;
                for (var i = 0; i < Inputs.Length; i++) f = Math.Min(f, state.Input(this, i).Exponents[n]);
                output.Exponents[n] = f;
                var dst = n * OutputShape.Size;
                for (var o = 0; o < _outer; o++)
                    for (var i = 0; i < Inputs.Length; i++)
                    {
                        var input = state.Input(this, i);
                        var run = _runs[i];
                        var src = n * input.Shape.Size + o * run;
                        var shift = input.Exponents[n] - f;
                        if (shift == 0) Array.Copy(input.Data, src, output.Data, dst, run);
                        else for (var k = 0; k < run; k++) output.Data[dst + k] = (int)FixedMath.RoundShift(input.Data[src + k], shift);
                        dst += run;
                    }
            }
        }
    }
}
