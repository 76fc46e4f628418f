namespace Wasserforge.Deterministic
{
    /// <summary>
    /// tanh and the logistic sigmoid in integer arithmetic only (no libm, no floating point), so they
    /// give the same bits everywhere. Both go through e = exp(−u) for u ≥ 0 in Q30 fixed point
    /// (1 = 2³⁰): u = k·ln 2 + r with r ∈ [0, ln 2), r = j/32 + d with d &lt; 1/32, then
    /// exp(−u) = 2⁻ᵏ · exp(−j/32) · exp(−d), the middle factor from a table and the last from a
    /// degree-4 Taylor polynomial (error below 2⁻³¹). The results are rounded to
    /// 2^<see cref="FixedMath.ActivationBits"/> steps: tanh x = (1 − e)/(1 + e) with u = 2|x|,
    /// σ(x) = 1/(1 + e) (x ≥ 0) or e/(1 + e) (x &lt; 0) with u = |x|.
    /// </summary>
    internal static class IntegerActivations
    {
        const int Q = 30;
        const long One = 1L << Q;
        /// <summary>round(ln 2 · 2³⁰).</summary>
        const long Ln2 = 744261118;
        /// <summary>|x| at or above this saturates (Q30): tanh(10) and σ(20) are within 2⁻²⁸ of 1.</summary>
        const long TanhSaturation = 10L << Q;
        const long SigmoidSaturation = 20L << Q;

        /// <summary>round(exp(−j/32) · 2³⁰) for j = 0…22 (computed with 50-digit decimal arithmetic).</summary>
        static readonly long[] s_expTable =
        {
            1073741824, 1040706261, 1008687096, 977653056, 947573834, 918420052, 890163238, 862775794,
            836230973, 810502851, 785566300, 761396966, 737971244, 715266256, 693259826, 671930464,
            651257337, 631220255, 611799650, 592976553, 574732583, 557049920, 539911296,
        };

        /// <summary>tanh(q·2⁻ᶠ) as an integer at exponent <see cref="FixedMath.ActivationBits"/> (|result| ≤ 2^ActivationBits).</summary>
        public static int Tanh(int q, int f)
        {
            if (q == 0) return 0;
            var limit = FixedMath.ActivationLimit;
            var x = ToQ30(q < 0 ? -(long)q : q, f);          // |x| in Q30, or −1 when beyond saturation
            int y;
            if (x < 0 || x >= TanhSaturation) y = limit;
            else
            {
                var e = ExpNegative(2 * x);
                y = (int)DivideRounded((One - e) << FixedMath.ActivationBits, One + e);
            }
            return q < 0 ? -y : y;
        }

        /// <summary>σ(q·2⁻ᶠ) as an integer at exponent <see cref="FixedMath.ActivationBits"/> (0 ≤ result ≤ 2^ActivationBits).</summary>
        public static int Sigmoid(int q, int f)
        {
            var limit = FixedMath.ActivationLimit;
            if (q == 0) return limit / 2;
            var x = ToQ30(q < 0 ? -(long)q : q, f);
            long e = x < 0 || x >= SigmoidSaturation ? 0 : ExpNegative(x);
            var numerator = q > 0 ? One : e;
            return (int)DivideRounded(numerator << FixedMath.ActivationBits, One + e);
        }

        /// <summary>|q|·2⁻ᶠ in Q30, or −1 when it is at least 2¹⁶ (far past saturation).</summary>
        static long ToQ30(long magnitude, int f)
        {
            var length = FixedMath.BitLength((ulong)magnitude);
            if (length - f >= 16) return -1;
            return FixedMath.RoundShift(magnitude, f - Q);
        }

        /// <summary>exp(−u) in Q30 for 0 ≤ u &lt; 2⁴⁰ (Q30).</summary>
        static long ExpNegative(long u)
        {
            var k = u / Ln2;
            if (k >= 62) return 0;
            var r = u - k * Ln2;                            // [0, ln 2)
            var j = (int)(r >> (Q - 5));                     // r = j/32 + d
            var d = r - ((long)j << (Q - 5));                // [0, 2²⁵) = [0, 1/32)
            // exp(−d) ≈ 1 − d(1 − d/2(1 − d/3(1 − d/4))), Horner from the inside.
            var p = One - Multiply(d, One / 4);
            p = One - Multiply(Multiply(d, p), One / 3);
            p = One - Multiply(Multiply(d, p), One / 2);
            p = One - Multiply(d, p);
            var e = Multiply(s_expTable[j], p);
            return FixedMath.RoundShift(e, (int)k);
        }

        /// <summary>a·b in Q30, rounded half up (operands below 2³² in magnitude).</summary>
        static long Multiply(long a, long b) => FixedMath.RoundShift(a * b, Q);

        /// <summary>round(n / d) for n ≥ 0, d &gt; 0.</summary>
        static long DivideRounded(long n, long d) => (2 * n + d) / (2 * d);
    }
}
