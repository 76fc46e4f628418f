using System;

namespace Wasserforge.Deterministic
{
    /// <summary>Activation fused into a linear step's output stage.</summary>
    internal enum FusedActivation
    {
        None,
        Relu,
        LeakyRelu,
    }

    /// <summary>
    /// The end of every linear step (Gemm, Conv, ConvTranspose): 64-bit sums at exponent
    /// e_w[channel] + f_x[sample] get the bias added (exactly, at that exponent), an optional ReLU or
    /// leaky ReLU, and are rounded to the output tensor's per-sample exponent, the largest that keeps
    /// every value of the sample within 2^<see cref="FixedMath.ActivationBits"/>. Work is split by
    /// (sample, channel range); the per-sample exponent is a maximum over channels, which no order changes.
    /// </summary>
    internal sealed class OutputStage
    {
        /// <summary>A bias is added at an exponent where its 24-bit mantissa shifted left stays below 2⁶¹.</summary>
        const int MaxBiasShift = 37;
        const int ValuesPerItem = 4096;

        readonly int _channels;
        readonly int _positions;
        readonly int[] _weightExponents;
        readonly long[] _biasMantissas;
        readonly int[] _biasExponents;
        FusedActivation _activation;
        long _alphaMantissa;
        int _alphaExponent;
        readonly Action<int> _first, _second;

        // Per-call state.
        long[] _sums;
        int[] _inputExponents;
        FixedTensor _output;
        int[] _sumExponents = Array.Empty<int>();    // [sample][channel]: exponent of the sums after the bias
        int[] _magnitudes = Array.Empty<int>();      // [sample][channel]: smallest r with |value| < 2^r

        public OutputStage(int channels, int positions, int[] weightExponents, float[] bias)
        {
            _channels = channels;
            _positions = positions;
            ChannelsPerItem = Math.Max(16, ValuesPerItem / Math.Max(1, positions));
            _weightExponents = weightExponents;
            _biasMantissas = new long[channels];
            _biasExponents = new int[channels];
            for (var c = 0; c < channels; c++)
            {
                if (bias == null) continue;
                FixedMath.Decompose(bias[c], out _biasMantissas[c], out _biasExponents[c]);
            }
            _first = AddBias;
            _second = Round;
        }

        /// <summary>The activation applied to the output (None unless one was folded in).</summary>
        public FusedActivation Activation => _activation;

        /// <summary>
        /// Folds a ReLU or leaky ReLU (0 ≤ alpha ≤ 1) that follows the step into this stage. The result is
        /// bit-identical to the separate <see cref="ActivationOperation"/>: the exponent is still chosen from the
        /// values before the activation, ReLU commutes with rounding, and the leaky slope is applied after rounding.
        /// </summary>
        public void Fold(FusedActivation activation, float alpha)
        {
            _activation = activation;
            FixedMath.Decompose(alpha, out _alphaMantissa, out _alphaExponent);
        }

        /// <summary>Output channels.</summary>
        public int Channels => _channels;

        readonly int ChannelsPerItem;

        int ItemsPerSample => (_channels + ChannelsPerItem - 1) / ChannelsPerItem;

        /// <summary>
        /// Turns <paramref name="sums"/> ([sample][channel][position], overwritten) into <paramref name="output"/>.
        /// </summary>
        public void Run(ExecutionState state, long[] sums, FixedTensor input, FixedTensor output)
        {
            var count = state.Count;
            _sums = sums;
            _inputExponents = input.Exponents;
            _output = output;
            if (_sumExponents.Length < count * _channels)
            {
                _sumExponents = new int[count * _channels];
                _magnitudes = new int[count * _channels];
            }
            state.Pool.Run(_first, count * ItemsPerSample, (long)count * _channels * _positions);
            for (var n = 0; n < count; n++)
            {
                var r = int.MinValue;
                for (var c = 0; c < _channels; c++) r = Math.Max(r, _magnitudes[n * _channels + c]);
                output.Exponents[n] = FixedMath.ExponentFor(r);
            }
            state.Pool.Run(_second, count * ItemsPerSample, (long)count * _channels * _positions);
            _sums = null;
            _inputExponents = null;
            _output = null;
        }

        void AddBias(int item)
        {
            ItemRange(item, out var n, out var c0, out var c1);
            var relu = _activation == FusedActivation.Relu;
            var fx = _inputExponents[n];
            var sums = _sums;
            for (var c = c0; c < c1; c++)
            {
                var s = _weightExponents[c] + fx;
                var m = _biasMantissas[c];
                var t = _biasExponents[c] + s;
                var shift = 0;
                long bias = 0;
                if (m != 0)
                {
                    if (t > MaxBiasShift) { shift = t - MaxBiasShift; bias = m * (1L << MaxBiasShift); }
                    else bias = FixedMath.RoundShift(m, -t);
                }
                var start = ((long)n * _channels + c) * _positions;
                var end = start + _positions;
                ulong bits = 0;                                   // OR of magnitudes: same bit length as their maximum
                if (shift == 0)
                    for (var i = start; i < end; i++)
                    {
                        var v = sums[i] + bias;
                        bits |= FixedMath.Magnitude(v);            // before the activation: the exponent is the linear output's
                        sums[i] = relu && v < 0 ? 0 : v;
                    }
                else
                    for (var i = start; i < end; i++)
                    {
                        var v = FixedMath.RoundShift(sums[i], shift) + bias;
                        bits |= FixedMath.Magnitude(v);
                        sums[i] = relu && v < 0 ? 0 : v;
                    }
                _sumExponents[n * _channels + c] = s - shift;
                _magnitudes[n * _channels + c] = bits == 0 ? int.MinValue : FixedMath.BitLength(bits) - (s - shift);
            }
        }

        /// <summary>Sample and channel range of a work item: at least 16 channels and about 4096 values.</summary>
        void ItemRange(int item, out int n, out int c0, out int c1)
        {
            n = item / ItemsPerSample;
            c0 = item % ItemsPerSample * ChannelsPerItem;
            c1 = Math.Min(_channels, c0 + ChannelsPerItem);
        }

        void Round(int item)
        {
            ItemRange(item, out var n, out var c0, out var c1);
            var f = _output.Exponents[n];
            var data = _output.Data;
            var leaky = _activation == FusedActivation.LeakyRelu;
            for (var c = c0; c < c1; c++)
            {
                var shift = _sumExponents[n * _channels + c] - f;
                var start = ((long)n * _channels + c) * _positions;
                for (var p = 0; p < _positions; p++)
                {
                    var y = FixedMath.RoundShift(_sums[start + p], shift);
                    if (leaky && y < 0) y = FixedMath.RoundShift(y * _alphaMantissa, -_alphaExponent);
                    data[start + p] = (int)y;
                }
            }
        }
    }
}
