using System;

namespace Wasserforge.Deterministic
{
    /// <summary>ONNX Reshape (batch dimension kept) and Identity: the same values and exponents under a new per-sample shape.</summary>
    internal sealed class CopyOperation : Operation
    {
        public CopyOperation(string label, int input, int output, TensorShape shape)
            : base(label, new[] { input }, output, shape) { }

        public override void Run(ExecutionState state)
        {
            var input = state.Input(this, 0);
            var output = state.Output(this);
            Array.Copy(input.Data, output.Data, (long)state.Count * OutputShape.Size);
            Array.Copy(input.Exponents, output.Exponents, state.Count);
        }
    }
}
