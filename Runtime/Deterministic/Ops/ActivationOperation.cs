using System;

namespace Wasserforge.Deterministic
{
    /// <summary>Element-wise activations the device runs on their own (when not fused into a linear step).</summary>
    internal enum ActivationKind
    {
        Relu,
        LeakyRelu,
        Tanh,
        Sigmoid,
    }

    /// <summary>
    /// ONNX Relu, LeakyRelu (0 ≤ alpha ≤ 1), Tanh and Sigmoid, element by element. ReLU and leaky
    /// ReLU keep the input's exponent (|y| ≤ |x|); tanh and sigmoid write at exponent
    /// <see cref="FixedMath.ActivationBits"/> through <see cref="IntegerActivations"/>.
    /// </summary>
    internal sealed class ActivationOperation : Operation
    {
        const int ValuesPerItem = 4096;

        readonly ActivationKind _kind;
        readonly long _alphaMantissa;
        readonly int _alphaExponent;
        readonly Action<int> _item;
        ExecutionState _state;

        public ActivationOperation(string label, int input, int output, TensorShape shape, ActivationKind kind, float alpha)
            : base(label, new[] { input }, output, shape)
        {
            _kind = kind;
            FixedMath.Decompose(alpha, out _alphaMantissa, out _alphaExponent);
            _item = RunItem;
        }

        int ItemsPerSample => (OutputShape.Size + ValuesPerItem - 1) / ValuesPerItem;

        public override void Run(ExecutionState state)
        {
            _state = state;
            var input = state.Input(this, 0);
            var output = state.Output(this);
            for (var n = 0; n < state.Count; n++)
                output.Exponents[n] = _kind == ActivationKind.Tanh || _kind == ActivationKind.Sigmoid ? FixedMath.ActivationBits : input.Exponents[n];
            state.Pool.Run(_item, state.Count * ItemsPerSample);
            _state = null;
        }

        void RunItem(int item)
        {
            var n = item / ItemsPerSample;
            var size = OutputShape.Size;
            var start = n * size + item % ItemsPerSample * ValuesPerItem;
            var end = Math.Min(n * size + size, start + ValuesPerItem);
            var x = _state.Input(this, 0).Data;
            var y = _state.Output(this).Data;
            var f = _state.Input(this, 0).Exponents[n];
            switch (_kind)
            {
                case ActivationKind.Relu:
                    for (var i = start; i < end; i++) y[i] = x[i] > 0 ? x[i] : 0;
                    break;
                case ActivationKind.LeakyRelu:
                    for (var i = start; i < end; i++) y[i] = x[i] >= 0 ? x[i] : (int)FixedMath.RoundShift(x[i] * _alphaMantissa, -_alphaExponent);
                    break;
                case ActivationKind.Tanh:
                    for (var i = start; i < end; i++) y[i] = IntegerActivations.Tanh(x[i], f);
                    break;
                case ActivationKind.Sigmoid:
                    for (var i = start; i < end; i++) y[i] = IntegerActivations.Sigmoid(x[i], f);
                    break;
            }
        }
    }
}
