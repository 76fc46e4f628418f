using System;

namespace Wasserforge.Latent
{
    /// <summary>Math built only from IEEE-754 basic operations, so results are identical on every platform (no libm).</summary>
    public static class DeterministicMath
    {
        const double Ln2 = 0.6931471805599453094172321;

        /// <summary>
        /// Natural log of a positive finite double: x = m·2ᵉ with m in [√½, √2), then
        /// ln m = 2·atanh(t) with t = (m − 1)/(m + 1), |t| ≤ 0.172, summed over 14 odd terms (error below 1 ulp·few).
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">x is not positive and finite.</exception>
        public static double Log(double x)
        {
            if (!(x > 0) || double.IsInfinity(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "Log needs a positive finite value.");
            var bits = BitConverter.DoubleToInt64Bits(x);
            var exponent = (int)((bits >> 52) & 0x7FF);
            if (exponent == 0)
            {
                // Subnormal: scale into the normal range exactly.
                return Log(x * 4503599627370496.0) - 52 * Ln2;
            }
            var e = exponent - 1023;
            var m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);   // [1, 2)
            if (m > 1.4142135623730951) { m *= 0.5; e += 1; }
            var t = (m - 1.0) / (m + 1.0);
            var t2 = t * t;
            // Horner form of t·(1 + t²/3 + t⁴/5 + … + t²⁶/27).
            var sum = 1.0 / 27;
            for (var k = 25; k >= 1; k -= 2) sum = sum * t2 + 1.0 / k;
            return 2.0 * t * sum + e * Ln2;
        }
    }
}
