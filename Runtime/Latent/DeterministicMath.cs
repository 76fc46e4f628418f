using System;

namespace Wasserforge.Latent
{
    /// <summary>
    /// Elementary functions built only from IEEE-754 basic operations (+ − × ÷ and √, correctly rounded)
    /// with a fixed number of steps and a fixed evaluation order, each operation computed with integers
    /// by <see cref="Binary64"/>. So every platform, runtime and compiler (Mono, IL2CPP, CoreCLR; x64, x86
    /// and ARM) computes the same bits: no floating-point instruction runs, so there is nothing a C++
    /// compiler could fuse into a multiply-add and no x87 or flush-to-zero mode to round differently.
    /// The platform math library (Math.Log, Math.Sin, …) differs between systems and is never used here.
    /// Accuracy is a few ulps; <c>Tests/Runtime/Latent/reference_latents.py</c> mirrors each function.
    /// </summary>
    public static class DeterministicMath
    {
        static readonly Binary64 Ln2 = Binary64.FromBits(0x3FE62E42FEFA39EFUL);            // 0.6931471805599453
        static readonly Binary64 Pi = Binary64.FromBits(0x400921FB54442D18UL);             // Math.PI
        static readonly Binary64 HalfPi = Binary64.FromBits(0x3FF921FB54442D18UL);         // Math.PI / 2
        static readonly Binary64 Sqrt2 = Binary64.FromBits(0x3FF6A09E667F3BCDUL);          // 1.4142135623730951
        static readonly Binary64 TwoTo52 = Binary64.FromBits(0x4330000000000000UL);
        static readonly Binary64 Four = Binary64.FromInt(4);
        static readonly Binary64 Eight = Binary64.FromInt(8);
        /// <summary>52·ln 2, the correction for scaling a subnormal by 2⁵².</summary>
        static readonly Binary64 Ln2Times52 = Binary64.FromInt(52) * Ln2;
        /// <summary>1/k for k = 0 … 27 (each one correctly rounded division; index 0 unused).</summary>
        static readonly Binary64[] Inverse = Inverses(27);
        /// <summary>The nested Taylor forms' divisors (2n)(2n + 1) for the sine and (2n − 1)(2n) for the cosine, n = 1 … 9.</summary>
        static readonly Binary64[] SineDivisor = Divisors(0), CosineDivisor = Divisors(1);

        static Binary64[] Inverses(int n)
        {
            var r = new Binary64[n + 1];
            for (var k = 1; k <= n; k++) r[k] = Binary64.One / Binary64.FromInt(k);
            return r;
        }

        static Binary64[] Divisors(int cosine)
        {
            var r = new Binary64[10];
            for (var n = 1; n <= 9; n++)
            {
                var twoN = Binary64.Two * Binary64.FromInt(n);
                r[n] = cosine == 0 ? twoN * (twoN + Binary64.One) : (twoN - Binary64.One) * twoN;
            }
            return r;
        }

        /// <summary>
        /// Natural log of a positive finite double: x = m·2ᵉ with m in [√½, √2), then
        /// ln m = 2·atanh(t) with t = (m − 1)/(m + 1), |t| ≤ 0.172, summed over 14 odd terms.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">x is not positive and finite.</exception>
        public static double Log(double x)
        {
            if (!(x > 0) || double.IsInfinity(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "Log needs a positive finite value.");
            return Log(Binary64.FromDouble(x)).ToDouble();
        }

        /// <summary><see cref="Log(double)"/> on a positive finite value (not checked).</summary>
        internal static Binary64 Log(Binary64 x)
        {
            var bits = x.Bits;
            var exponent = (int)((bits >> 52) & 0x7FF);
            if (exponent == 0) return Log(x * TwoTo52) - Ln2Times52;                    // subnormal: scale into the normal range exactly
            var e = exponent - 1023;
            var m = Binary64.FromBits((bits & 0x000FFFFFFFFFFFFFUL) | 0x3FF0000000000000UL);   // [1, 2)
            if (m > Sqrt2) { m *= Binary64.Half; e += 1; }
            var t = (m - Binary64.One) / (m + Binary64.One);
            var t2 = t * t;
            // Horner form of t·(1 + t²/3 + t⁴/5 + … + t²⁶/27).
            var sum = Inverse[27];
            for (var k = 25; k >= 1; k -= 2) sum = sum * t2 + Inverse[k];
            return Binary64.Two * t * sum + Binary64.FromInt(e) * Ln2;
        }

        /// <summary>
        /// Sine and cosine of <paramref name="x"/> (radians). x is reduced by the nearest multiple k of π/2
        /// (r = x − k·π/2, accurate for |x| up to about 10⁶), then r ∈ [−π/4, π/4] goes through
        /// the nested Taylor forms sin r = r(1 − r²/(2·3)(1 − r²/(4·5)(…))) and
        /// cos r = 1 − r²/(1·2)(1 − r²/(3·4)(…)), nine levels each, and the quadrant k mod 4 picks signs.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">x is not finite.</exception>
        public static void SinCos(double x, out double sin, out double cos)
        {
            if (double.IsNaN(x) || double.IsInfinity(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "SinCos needs a finite angle.");
            SinCos(Binary64.FromDouble(x), out var s, out var c);
            sin = s.ToDouble();
            cos = c.ToDouble();
        }

        /// <summary><see cref="SinCos(double, out double, out double)"/> of a finite angle (not checked).</summary>
        internal static void SinCos(Binary64 x, out Binary64 sin, out Binary64 cos)
        {
            var k = Binary64.Floor(x / HalfPi + Binary64.Half);
            var r = x - k * HalfPi;
            var r2 = r * r;
            Binary64 s = Binary64.One, c = Binary64.One;
            for (var n = 9; n >= 1; n--)
            {
                s = Binary64.One - r2 * s / SineDivisor[n];
                c = Binary64.One - r2 * c / CosineDivisor[n];
            }
            s *= r;
            switch ((k - Four * Binary64.Floor(k / Four)).ToInt64Truncated())
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
            return Atan2(Binary64.FromDouble(y), Binary64.FromDouble(x)).ToDouble();
        }

        /// <summary><see cref="Atan2(double, double)"/> of numbers (not checked for NaN).</summary>
        internal static Binary64 Atan2(Binary64 y, Binary64 x)
        {
            var ax = Binary64.Abs(x);
            var ay = Binary64.Abs(y);
            if (ax.IsZero && ay.IsZero) return Binary64.Zero;
            var a = ay <= ax ? AtanUnit(ay / ax) : HalfPi - AtanUnit(ax / ay);
            if (x < Binary64.Zero) a = Pi - a;
            return y < Binary64.Zero ? -a : a;
        }

        /// <summary>atan z for z in [0, 1] (infinite ratios come in as 0 from the caller's ordering).</summary>
        static Binary64 AtanUnit(Binary64 z)
        {
            for (var i = 0; i < 3; i++) z /= Binary64.One + Binary64.Sqrt(Binary64.One + z * z);
            var z2 = z * z;
            var sum = Inverse[19];
            for (var k = 17; k >= 1; k -= 2) sum = Inverse[k] - z2 * sum;
            return Eight * z * sum;
        }
    }
}
