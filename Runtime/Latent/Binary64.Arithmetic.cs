using System;
using System.Runtime.CompilerServices;

namespace Wasserforge.Latent
{
    internal readonly partial struct Binary64
    {
        /// <summary>a + b, rounded to nearest, ties to even.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Binary64 operator +(Binary64 a, Binary64 b)
        {
            if (IsNormal(a.Bits) && IsNormal(b.Bits))
            {
                // Both normal (the common case): the general steps below without their special cases.
                ulong magA = a.Bits & ~SignBit, magB = b.Bits & ~SignBit;
                if (magA < magB) { var t = a; a = b; b = t; var u = magA; magA = magB; magB = u; }
                var ea = (int)(magA >> 52);
                var d = ea - (int)(magB >> 52);
                var big = ((magA & FractionMask) | ImplicitBit) << 10;                  // [2⁶², 2⁶³)
                var small = ((magB & FractionMask) | ImplicitBit) << 10;
                var sticky = false;
                if (d >= 64) { sticky = true; small = 0; }
                else if (d > 0) { sticky = (small & ((1UL << d) - 1)) != 0; small >>= d; }
                ulong m;
                if (((a.Bits ^ b.Bits) & SignBit) == 0)
                {
                    m = big + small;                                                       // [2⁶², 2⁶⁴)
                    if (m < 1UL << 63) return RoundTop(a.Bits & SignBit, ea - 1075 - 11, m << 1, sticky);
                    return RoundTop(a.Bits & SignBit, ea - 1075 - 10, m, sticky);
                }
                m = big - small - (sticky ? 1UL : 0UL);
                if (m == 0) return Zero;                                                   // x − x = +0 (m = 0 only when exact)
                // Shift the leading bit to the top: with sticky, m ≥ 2⁶¹, so at most 2 unknown low bits
                // come in, which cannot move the result across a rounding boundary 2¹⁰ units apart.
                var lead = 64 - BitLength(m);
                return RoundTop(a.Bits & SignBit, ea - 1075 - 10 - lead, m << lead, sticky);
            }
            return AddGeneral(a, b);
        }

        static Binary64 AddGeneral(Binary64 a, Binary64 b)
        {
            if (a.Field == MaxField || b.Field == MaxField) return AddSpecial(a, b);
            if (b.IsZero) return a.IsZero ? new Binary64(a.Bits & b.Bits) : a;     // −0 only for −0 + −0
            if (a.IsZero) return b;
            if ((a.Bits & ~SignBit) < (b.Bits & ~SignBit)) { var t = a; a = b; b = t; }   // |a| ≥ |b|: magnitudes order like their bits
            var sign = a.Bits & SignBit;
            Unpack(a.Bits, out var ma, out var ea);
            Unpack(b.Bits, out var mb, out var eb);
            // Ten guard bits; b aligned to a's exponent, the bits shifted out remembered as sticky.
            var big = ma << 10;
            var small = mb << 10;
            var d = ea - eb;
            var sticky = false;
            if (d >= 64) { sticky = true; small = 0; }
            else if (d > 0) { sticky = (small & ((1UL << d) - 1)) != 0; small >>= d; }
            ulong m;
            if (((a.Bits ^ b.Bits) & SignBit) == 0) m = big + small;                 // < 2⁶⁴
            else
            {
                // Exact a − b is (big − small − fraction) with 0 < fraction < 1 when sticky: the integer
                // part is one less and the rest (1 − fraction) is still nonzero.
                m = big - small - (sticky ? 1UL : 0UL);
                if (m == 0 && !sticky) return Zero;                                    // x − x = +0
            }
            return Round(sign, ea - 10, m, sticky);
        }

        /// <summary>a − b, rounded to nearest, ties to even.</summary>
        public static Binary64 operator -(Binary64 a, Binary64 b) => a + -b;

        /// <summary>a × b, rounded to nearest, ties to even.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Binary64 operator *(Binary64 a, Binary64 b)
        {
            var sign = (a.Bits ^ b.Bits) & SignBit;
            if (IsNormal(a.Bits) && IsNormal(b.Bits))
            {
                var hi = MultiplyHigh(((a.Bits & FractionMask) | ImplicitBit) << 11, ((b.Bits & FractionMask) | ImplicitBit) << 11, out var lo);
                var e = (int)((a.Bits >> 52) & MaxField) + (int)((b.Bits >> 52) & MaxField) - 2150 - 22 + 64;
                if (hi < 1UL << 63) { hi = (hi << 1) | (lo >> 63); lo <<= 1; e--; }
                return RoundTop(sign, e, hi, lo != 0);
            }
            if (a.Field == MaxField || b.Field == MaxField)
            {
                if (a.IsNaN || b.IsNaN || a.IsZero || b.IsZero) return NaN;           // ∞ × 0 is invalid
                return new Binary64(sign | 0x7FF0000000000000UL);
            }
            if (a.IsZero || b.IsZero) return new Binary64(sign);
            Unpack(a.Bits, out var ma, out var ea);
            Unpack(b.Bits, out var mb, out var eb);
            var high = MultiplyHigh(ma << 11, mb << 11, out var low);                 // ma·mb·2²² = high·2⁶⁴ + low, high ≥ 2⁶²
            if (high < 1UL << 63) { high = (high << 1) | (low >> 63); low <<= 1; ea--; }
            return RoundTop(sign, ea + eb - 22 + 64, high, low != 0);
        }

        /// <summary>a ÷ b, rounded to nearest, ties to even.</summary>
        public static Binary64 operator /(Binary64 a, Binary64 b)
        {
            var sign = (a.Bits ^ b.Bits) & SignBit;
            if (a.IsNaN || b.IsNaN) return NaN;
            if (a.Field == MaxField) return b.Field == MaxField ? NaN : new Binary64(sign | 0x7FF0000000000000UL);
            if (b.Field == MaxField) return new Binary64(sign);
            if (b.IsZero) return a.IsZero ? NaN : new Binary64(sign | 0x7FF0000000000000UL);
            if (a.IsZero) return new Binary64(sign);
            Unpack(a.Bits, out var ma, out var ea);
            Unpack(b.Bits, out var mb, out var eb);
            // q = ⌊ma·2⁷³ / (mb·2¹¹)⌋ = ⌊ma·2⁶²/mb⌋, 62 or 63 bits; the remainder tells whether it was exact.
            var q = Divide128(ma << 9, 0, mb << 11, out var remainder);            // ma·2⁷³ = (ma·2⁹)·2⁶⁴
            return q >= 1UL << 62 ? RoundTop(sign, ea - eb - 63, q << 1, remainder != 0) : RoundTop(sign, ea - eb - 64, q << 2, remainder != 0);
        }

        /// <summary>
        /// ⌊(high·2⁶⁴ + low)/d⌋ for d ≥ 2⁶³ and high &lt; d (so the quotient fits in 64 bits), by schoolbook
        /// division in 32-bit digits (Knuth's algorithm D): two 64-by-32-bit hardware divisions, each digit
        /// estimate corrected at most twice. <paramref name="remainder"/> gets the remainder.
        /// </summary>
        static ulong Divide128(ulong high, ulong low, ulong d, out ulong remainder)
        {
            const ulong Base = 1UL << 32;
            ulong d1 = d >> 32, d0 = (uint)d;
            ulong n1 = low >> 32, n0 = (uint)low;
            var q1 = high / d1;
            var rest = high - q1 * d1;
            while (q1 >= Base || q1 * d0 > ((rest << 32) | n1))
            {
                q1--;
                rest += d1;
                if (rest >= Base) break;
            }
            var middle = (high << 32) + n1 - q1 * d;                                  // the partial remainder, < d (mod 2⁶⁴ arithmetic)
            var q0 = middle / d1;
            rest = middle - q0 * d1;
            while (q0 >= Base || q0 * d0 > ((rest << 32) | n0))
            {
                q0--;
                rest += d1;
                if (rest >= Base) break;
            }
            remainder = (middle << 32) + n0 - q0 * d;
            return (q1 << 32) + q0;
        }

        /// <summary>√a, rounded to nearest, ties to even (√−0 = −0; a negative value gives NaN).</summary>
        public static Binary64 Sqrt(Binary64 a)
        {
            if (a.IsNaN) return NaN;
            if (a.IsZero) return a;
            if (a.IsNegative) return NaN;
            if (a.Field == MaxField) return a;
            Unpack(a.Bits, out var m, out var e);
            if ((e & 1) != 0) { m <<= 1; e -= 1; }                                    // an even exponent halves exactly
            // root = ⌊√(m·2⁵⁸)⌋ (56 bits) digit by digit; the remainder stays below 2·root + 1 < 2⁵⁷.
            ulong root = 0, remainder = 0;
            for (var i = 55; i >= 0; i--)
            {
                var p = 2 * i - 58;
                var pair = p >= 0 ? (m >> p) & 3 : 0;
                remainder = (remainder << 2) | pair;
                var trial = (root << 2) | 1;
                if (remainder >= trial) { remainder -= trial; root = (root << 1) | 1; }
                else root <<= 1;
            }
            return RoundTop(0, e / 2 - 29 - 8, root << 8, remainder != 0);             // root has 56 bits
        }

        /// <summary>True for a normal number (not zero, subnormal, infinite or NaN).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static bool IsNormal(ulong bits) => (bits & ~SignBit) - ImplicitBit < 0x7FE0000000000000UL;

        /// <summary>
        /// <see cref="Round"/> for m with its top bit (2⁶³) set: the usual case of a normal result takes
        /// 11 bits off at once; anything else (subnormal result, overflow) goes the general way.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Binary64 RoundTop(ulong sign, int e, ulong m, bool sticky)
        {
            var field = e + 1086;                                     // the result's exponent field: its leading bit is 2^(e + 63)
            if ((uint)(field - 1) >= 0x7FD) return Round(sign, e, m, sticky);   // only 1 ≤ field ≤ 0x7FD stays normal after a carry
            var q = m >> 11;
            var rest = m & 0x7FF;
            if (rest > 0x400 || (rest == 0x400 && (sticky || (q & 1) != 0))) q++;
            return new Binary64(sign | (((ulong)(field - 1) << 52) + q));
        }

        static Binary64 AddSpecial(Binary64 a, Binary64 b)
        {
            if (a.IsNaN || b.IsNaN) return NaN;
            if (a.Field == MaxField && b.Field == MaxField) return ((a.Bits ^ b.Bits) & SignBit) != 0 ? NaN : a;   // ∞ − ∞ is invalid
            return a.Field == MaxField ? a : b;
        }

        /// <summary>A finite nonzero |x| as m·2^e with m in [2⁵², 2⁵³) (subnormals normalised).</summary>
        static void Unpack(ulong bits, out ulong m, out int e)
        {
            var field = (int)((bits >> 52) & MaxField);
            var fraction = bits & FractionMask;
            if (field == 0)
            {
                var s = 53 - BitLength(fraction);
                m = fraction << s;
                e = -1074 - s;
                return;
            }
            m = fraction | ImplicitBit;
            e = field - 1075;
        }

        /// <summary>
        /// The double nearest to (m + δ)·2^e, ties to even, with <paramref name="sign"/>; δ is 0, or some value
        /// in (0, 1) when <paramref name="sticky"/> (then m has at least 55 bits, so δ only breaks ties).
        /// Overflows to infinity and underflows through the subnormals to zero as IEEE-754 does.
        /// </summary>
        static Binary64 Round(ulong sign, int e, ulong m, bool sticky)
        {
            var shift = Math.Max(BitLength(m) - 53, -1074 - e);      // bits to drop: to 53 bits, or to the subnormal grid 2⁻¹⁰⁷⁴
            var q = RoundShift(m, shift, sticky);
            var biased = (long)e + shift + 1074;                      // the exponent field less one: adding q's 2⁵² bit (or a carry to 2⁵³) completes it
            if (biased + (long)(q >> 52) >= MaxField) return new Binary64(sign | 0x7FF0000000000000UL);
            return new Binary64(sign | (((ulong)biased << 52) + q));
        }

        /// <summary>m·2^−shift rounded to an integer, to nearest, ties to even; sticky: nonzero bits below m (with shift ≥ 2).</summary>
        static ulong RoundShift(ulong m, int shift, bool sticky)
        {
            if (shift <= 0) return m << -shift;
            if (shift > 64) return 0;                                  // below half of the last place
            ulong q, rest, half;
            if (shift == 64) { q = 0; rest = m; half = 1UL << 63; }
            else { q = m >> shift; rest = m & ((1UL << shift) - 1); half = 1UL << (shift - 1); }
            if (rest > half || (rest == half && (sticky || (q & 1) != 0))) q++;
            return q;
        }

        /// <summary>The high 64 bits of the 128-bit product a·b; <paramref name="low"/> gets the low 64.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static ulong MultiplyHigh(ulong a, ulong b, out ulong low)
        {
            ulong a0 = (uint)a, a1 = a >> 32, b0 = (uint)b, b1 = b >> 32;
            ulong p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
            var middle = (p00 >> 32) + (uint)p01 + (uint)p10;
            low = (middle << 32) | (uint)p00;
            return p11 + (p01 >> 32) + (p10 >> 32) + (middle >> 32);
        }

        /// <summary>Number of significant bits of x (0 for 0).</summary>
        static int BitLength(ulong x)
        {
            var n = 0;
            if (x >= 1UL << 32) { x >>= 32; n += 32; }
            if (x >= 1UL << 16) { x >>= 16; n += 16; }
            if (x >= 1UL << 8) { x >>= 8; n += 8; }
            if (x >= 1UL << 4) { x >>= 4; n += 4; }
            if (x >= 1UL << 2) { x >>= 2; n += 2; }
            if (x >= 1UL << 1) { x >>= 1; n += 1; }
            return n + (int)x;
        }
    }
}
