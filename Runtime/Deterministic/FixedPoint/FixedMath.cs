using System;

namespace Wasserforge.Deterministic
{
    /// <summary>
    /// The integer arithmetic of the deterministic device. Every value is an integer q with a
    /// binary exponent f, meaning q·2⁻ᶠ. Only integer operations are used (add, multiply, shift,
    /// divide), so results are the same bits on every CPU, runtime and compiler. Rounding is always
    /// "half up": round(v / 2ˢ) = ⌊v / 2ˢ + ½⌋.
    /// </summary>
    internal static class FixedMath
    {
        /// <summary>
        /// Activations hold |q| ≤ 2^<see cref="ActivationBits"/>: each sample's tensor is scaled so its
        /// largest magnitude uses these bits (a per-sample, per-tensor exponent).
        /// </summary>
        public const int ActivationBits = 14;

        /// <summary>The largest magnitude of an activation, 2^<see cref="ActivationBits"/>.</summary>
        public const int ActivationLimit = 1 << ActivationBits;

        /// <summary>
        /// Products are summed in 32-bit integers over runs of this many consecutive taps (a chunk),
        /// then added into 64-bit sums. Weights are scaled so that every chunk's sum fits in 32 bits.
        /// </summary>
        public const int ChunkTaps = 16;

        /// <summary>
        /// The bound on Σ|w| over one chunk of quantized weights: with |x| ≤ 2^ActivationBits, every
        /// product and every chunk sum stays below 2³¹ (no 32-bit overflow, which IL2CPP's C++ leaves undefined).
        /// </summary>
        public const int WeightChunkBound = int.MaxValue >> ActivationBits;

        /// <summary>round(v / 2ˢ), halves up; s ≤ 0 shifts left (the caller guarantees the result fits). |v| must be below 2⁶².</summary>
        public static long RoundShift(long v, int s)
        {
            if (s <= 0) return s <= -63 ? 0 : v * (1L << -s);    // a product, not v << −s: C++ (IL2CPP) leaves left shifts of negatives undefined
            if (s >= 63) return 0;
            return (v + (1L << (s - 1))) >> s;
        }

        /// <summary>Bits needed for <paramref name="v"/> (0 for 0): the smallest b with v &lt; 2ᵇ. Branch-free.</summary>
        public static int BitLength(ulong v)
        {
            // Smear the top bit down, then count the ones (SWAR population count).
            v |= v >> 1;
            v |= v >> 2;
            v |= v >> 4;
            v |= v >> 8;
            v |= v >> 16;
            v |= v >> 32;
            v -= (v >> 1) & 0x5555555555555555UL;
            v = (v & 0x3333333333333333UL) + ((v >> 2) & 0x3333333333333333UL);
            v = (v + (v >> 4)) & 0x0F0F0F0F0F0F0F0FUL;
            return (int)((v * 0x0101010101010101UL) >> 56);
        }

        /// <summary>|v| as an unsigned value (correct for long.MinValue too).</summary>
        public static ulong Magnitude(long v)
        {
            var sign = v >> 63;
            return (ulong)((v ^ sign) - sign);
        }

        /// <summary>
        /// Splits a finite float exactly into mantissa·2^exponent (|mantissa| &lt; 2²⁴) from its bits,
        /// with no floating-point operation. Returns false for NaN and infinities.
        /// </summary>
        public static bool Decompose(float value, out long mantissa, out int exponent)
        {
            var bits = BitConverter.SingleToInt32Bits(value);
            var biased = (bits >> 23) & 0xFF;
            var fraction = bits & 0x7FFFFF;
            if (biased == 0xFF) { mantissa = 0; exponent = 0; return false; }
            if (biased == 0) { mantissa = fraction; exponent = -149; }              // zero or subnormal
            else { mantissa = fraction | 0x800000; exponent = biased - 150; }
            if (bits < 0) mantissa = -mantissa;
            return true;
        }

        /// <summary>
        /// The magnitude class of a finite float: the smallest r with |value| &lt; 2ʳ
        /// (<see cref="int.MinValue"/> for zero). Exact, from the bits.
        /// </summary>
        public static int MagnitudeExponent(float value)
        {
            Decompose(value, out var m, out var e);
            return m == 0 ? int.MinValue : BitLength(Magnitude(m)) + e;
        }

        /// <summary>round(value · 2^fraction), halves up, exactly. The caller keeps the result below 2⁶².</summary>
        public static long Quantize(float value, int fraction)
        {
            Decompose(value, out var m, out var e);
            return RoundShift(m, -(e + fraction));
        }

        /// <summary>q·2⁻ᶠ as a float (rounded half up to 24 bits when q needs more), built from bits (no floating-point operation); values below 2⁻¹²⁶ in magnitude become 0.</summary>
        public static float ToFloat(long q, int f)
        {
            if (q == 0) return 0f;
            var sign = q < 0 ? unchecked((int)0x80000000) : 0;
            var mag = Magnitude(q);
            var length = BitLength(mag);                       // value = mag·2⁻ᶠ, mag in [2^(length−1), 2^length)
            long mantissa;
            var exponent = length - 1 - f;                      // unbiased exponent of the leading bit
            if (length > 24)
            {
                mantissa = RoundShift((long)(mag >> (length > 62 ? length - 62 : 0)), length > 62 ? 38 : length - 24);   // 24 bits, rounded half up
                if (mantissa >= 1L << 24) { mantissa >>= 1; exponent++; }
            }
            else mantissa = (long)mag << (24 - length);
            if (exponent < -126) return 0f;
            if (exponent > 127) return BitConverter.Int32BitsToSingle(sign | 0x7F800000);
            return BitConverter.Int32BitsToSingle(sign | ((exponent + 127) << 23) | (int)(mantissa & 0x7FFFFF));
        }

        /// <summary>
        /// The exponent that scales values whose magnitude is below 2ʳ (r = <paramref name="magnitudeExponent"/>)
        /// to at most 2^<see cref="ActivationBits"/>; an all-zero tensor (int.MinValue) gets ActivationBits.
        /// </summary>
        public static int ExponentFor(int magnitudeExponent) =>
            magnitudeExponent == int.MinValue ? ActivationBits : ActivationBits - magnitudeExponent;
    }
}
