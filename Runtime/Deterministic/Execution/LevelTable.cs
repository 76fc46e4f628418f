using System;
using System.Collections.Generic;
using System.Numerics;

namespace Wasserforge.Deterministic
{
    /// <summary>
    /// The exact map from output values to 8-bit levels: level = clamp(⌊(v − min)/(max − min)·255 + ½⌋, 0, 255),
    /// the rounding <see cref="Pixels.PixelConverter"/> documents, evaluated in exact rational arithmetic
    /// (big integers) rather than floating point. For an output exponent f the values are q·2⁻ᶠ with
    /// |q| ≤ 2^ActivationBits, so one table per exponent holds every level; tables are built on first use.
    /// </summary>
    internal sealed class LevelTable
    {
        const int Limit = FixedMath.ActivationLimit;

        readonly long _minMantissa, _maxMantissa;
        readonly int _minExponent, _maxExponent;
        readonly Dictionary<int, byte[]> _tables = new Dictionary<int, byte[]>();

        public LevelTable(float min, float max)
        {
            if (!(min < max) || !FixedMath.Decompose(min, out _minMantissa, out _minExponent) || !FixedMath.Decompose(max, out _maxMantissa, out _maxExponent))
                throw new ArgumentException($"value range [{min}, {max}] is not a finite range with min < max.");
        }

        /// <summary>The levels of q = −2^ActivationBits … 2^ActivationBits at exponent <paramref name="f"/> (index q + 2^ActivationBits). Not thread-safe: callers hold the generator's lock.</summary>
        public byte[] For(int f)
        {
            if (_tables.TryGetValue(f, out var table)) return table;
            table = Build(f);
            _tables[f] = table;
            return table;
        }

        byte[] Build(int f)
        {
            // Scale everything to integers at a common exponent s: v = V·2⁻ˢ, min = A·2⁻ˢ, max = B·2⁻ˢ.
            var s = Math.Max(f, Math.Max(-_minExponent, -_maxExponent));
            var a = Scaled(_minMantissa, _minExponent + s);
            var b = Scaled(_maxMantissa, _maxExponent + s);
            var d = b - a;
            var unit = BigInteger.One << (s - f);              // V = q·unit
            // level ≥ k  ⇔  (V − A)·510 + D ≥ 2k·D  ⇔  q ≥ T_k = ⌈((2k − 1)·D + 510·A) / (510·unit)⌉.
            var thresholds = new long[256];
            var denominator = 510 * unit;
            for (var k = 1; k <= 255; k++)
            {
                var t = CeilingDivide((2 * k - 1) * d + 510 * a, denominator);
                thresholds[k] = t > Limit + 1 ? Limit + 1 : t < -Limit ? -Limit : (long)t;
            }
            var table = new byte[2 * Limit + 1];
            var level = 0;
            for (var q = -Limit; q <= Limit; q++)
            {
                while (level < 255 && q >= thresholds[level + 1]) level++;
                table[q + Limit] = (byte)level;
            }
            return table;
        }

        static BigInteger Scaled(long mantissa, int shift) => shift >= 0 ? new BigInteger(mantissa) << shift : new BigInteger(mantissa) >> -shift;

        static BigInteger CeilingDivide(BigInteger n, BigInteger d)
        {
            var q = BigInteger.DivRem(n, d, out var r);
            return r > 0 ? q + 1 : q;
        }
    }
}
