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
    /// <see cref="FixedMath.ActivationBits"/> through <see cref="IntegerActivations"/>, looked up in a
    /// table per input exponent (every input q is one of 2·2^ActivationBits + 1 values), built on first use.
    /// </summary>
    internal sealed class ActivationOperation : Operation
    {
        const int ValuesPerItem = 4096;

        readonly ActivationKind _kind;
        readonly long _alphaMantissa;
        readonly int _alphaExponent;
        readonly Action<int> _item;
        readonly System.Collections.Generic.Dictionary<int, int[]> _tables = new System.Collections.Generic.Dictionary<int, int[]>();
        ExecutionState _state;
        int[][] _sampleTables = Array.Empty<int[]>();

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
            var curve = _kind == ActivationKind.Tanh || _kind == ActivationKind.Sigmoid;
            if (curve && _sampleTables.Length < state.Count) _sampleTables = new int[state.Count][];
            for (var n = 0; n < state.Count; n++)
            {
                output.Exponents[n] = curve ? FixedMath.ActivationBits : input.Exponents[n];
                if (curve) _sampleTables[n] = Table(input.Exponents[n]);
            }
            state.Pool.Run(_item, state.Count * ItemsPerSample, (long)state.Count * OutputShape.Size);
            _state = null;
        }

        /// <summary>The curve's value for every q in [−2^ActivationBits, 2^ActivationBits] at input exponent <paramref name="f"/> (index q + 2^ActivationBits).</summary>
        int[] Table(int f)
        {
            if (_tables.TryGetValue(f, out var table)) return table;
            if (_tables.Count >= 32) _tables.Clear();       // exponents follow the data; keep memory bounded (128 KiB a table)
            const int limit = FixedMath.ActivationLimit;
            table = new int[2 * limit + 1];
            for (var q = -limit; q <= limit; q++)
                table[q + limit] = _kind == ActivationKind.Tanh ? IntegerActivations.Tanh(q, f) : IntegerActivations.Sigmoid(q, f);
            _tables[f] = table;
            return table;
        }

        void RunItem(int item)
        {
            var n = item / ItemsPerSample;
            var size = OutputShape.Size;
            var start = n * size + item % ItemsPerSample * ValuesPerItem;
            var end = Math.Min(n * size + size, start + ValuesPerItem);
            var x = _state.Input(this, 0).Data;
            var y = _state.Output(this).Data;
            const int limit = FixedMath.ActivationLimit;
            switch (_kind)
            {
                case ActivationKind.Relu:
                    for (var i = start; i < end; i++) y[i] = x[i] > 0 ? x[i] : 0;
                    break;
                case ActivationKind.LeakyRelu:
                    for (var i = start; i < end; i++) y[i] = x[i] >= 0 ? x[i] : (int)FixedMath.RoundShift(x[i] * _alphaMantissa, -_alphaExponent);
                    break;
                default:
                    var table = _sampleTables[n];
                    for (var i = start; i < end; i++) y[i] = table[x[i] + limit];
                    break;
            }
        }
    }
}
