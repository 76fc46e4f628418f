using System;

namespace Wasserforge.Latent
{
    /// <summary>
    /// Elementary functions built only from IEEE-754 basic operations (+ − × ÷ and √, all correctly
    /// rounded), with a fixed number of steps and a fixed evaluation order, so every platform and
    /// runtime (Mono, IL2CPP, CoreCLR; x64 and ARM) computes the same bits. The platform math
    /// library (Math.Log, Math.Sin, …) differs between systems and is never used here.
    /// Accuracy is a few ulps; <c>Tests/Runtime/Latent/reference_latents.py</c> mirrors each function.
    /// </summary>
    public static class DeterministicMath
    {
        const double Ln2 = 0.6931471805599453094172321;
        const double HalfPi = Math.PI * 0.5;

        /// <summary>
        /// Natural log of a positive finite double: x = m·2ᵉ with m in [√½, √2), then
        /// ln m = 2·atanh(t) with t = (m − 1)/(m + 1), |t| ≤ 0.172, summed over 14 odd terms.
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

        /// <summary>
        /// Sine and cosine of <paramref name="x"/> (radians). x is reduced by the nearest multiple k of π/2
        /// (r = x − k·π/2 in double, accurate for |x| up to about 10⁶), then r ∈ [−π/4, π/4] goes through
        /// the nested Taylor forms sin r = r(1 − r²/(2·3)(1 − r²/(4·5)(…))) and
        /// cos r = 1 − r²/(1·2)(1 − r²/(3·4)(…)), nine levels each, and the quadrant k mod 4 picks signs.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">x is not finite.</exception>
        public static void SinCos(double x, out double sin, out double cos)
        {
            if (double.IsNaN(x) || double.IsInfinity(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "SinCos needs a finite angle.");
            var k = Math.Floor(x / HalfPi + 0.5);
            var r = x - k * HalfPi;
            var r2 = r * r;
            double s = 1.0, c = 1.0;
            for (var n = 9; n >= 1; n--)
            {
                s = 1.0 - r2 * s / ((2.0 * n) * (2.0 * n + 1.0));
                c = 1.0 - r2 * c / ((2.0 * n - 1.0) * (2.0 * n));
            }
            s *= r;
            var quadrant = (int)(k - 4.0 * Math.Floor(k / 4.0));
            switch (quadrant)
            {
                case 0: sin = s; cos = c; break;
                case 1: sin = c; cos = -s; break;
                case 2: sin = -s; cos = -c; break;
                default: sin = -c; cos = s; break;
            }
        }

        /// <summary>
        /// The angle of the point (x, y) in (−π, π], like Math.Atan2. The ratio of the smaller to the larger
        /// magnitude z ∈ [0, 1] is halved in angle three times with z ← z / (1 + √(1 + z²)) (so z ≤ 0.0985),
        /// then atan z = z(1 − z²/3·… ) is summed over 10 odd terms in Horner form, and the octant is restored.
        /// atan2(0, 0) is 0.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">x or y is NaN.</exception>
        public static double Atan2(double y, double x)
        {
            if (double.IsNaN(x) || double.IsNaN(y)) throw new ArgumentOutOfRangeException(nameof(x), "Atan2 needs numbers, not NaN.");
            var ax = Math.Abs(x);
            var ay = Math.Abs(y);
            if (ax == 0 && ay == 0) return 0.0;
            double a;
            if (ay <= ax) a = AtanUnit(ay / ax);
            else a = HalfPi - AtanUnit(ax / ay);
            if (x < 0) a = Math.PI - a;
            return y < 0 ? -a : a;
        }

        /// <summary>atan z for z in [0, 1] (infinite ratios come in as 0 from the caller's ordering).</summary>
        static double AtanUnit(double z)
        {
            for (var i = 0; i < 3; i++) z = z / (1.0 + Math.Sqrt(1.0 + z * z));
            var z2 = z * z;
            var sum = 1.0 / 19;
            for (var k = 17; k >= 1; k -= 2) sum = 1.0 / k - z2 * sum;
            return 8.0 * z * sum;
        }
    }
}
