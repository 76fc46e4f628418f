using System;

namespace Wasserforge.Latent
{
    /// <summary>
    /// An IEEE-754 binary64 value (a double's 64 bits) whose arithmetic is done with integer operations
    /// only: + − × ÷ and √ round to nearest, ties to even, exactly as the standard defines them, with
    /// subnormals, signed zeros and infinities (every NaN result is one quiet NaN). So a formula written
    /// with it gives the same bits on every machine and compiler: no fused multiply-add a C++ compiler
    /// might contract, no x87 extended precision or double rounding, no flush-to-zero mode can change
    /// a result, because no floating-point instruction is ever executed.
    /// <c>Tests/Runtime/Latent/Binary64Tests.cs</c> checks every operation against the hardware's doubles
    /// on millions of random and edge-case operands. Comparisons follow IEEE (NaN is unordered, −0 = +0).
    /// </summary>
    internal readonly partial struct Binary64 : IEquatable<Binary64>
    {
        const ulong SignBit = 0x8000000000000000UL;
        const ulong FractionMask = 0x000FFFFFFFFFFFFFUL;
        const ulong ImplicitBit = 1UL << 52;
        const int MaxField = 0x7FF;

        /// <summary>The value's bits, as <see cref="BitConverter.DoubleToInt64Bits"/> gives them.</summary>
        public readonly ulong Bits;

        Binary64(ulong bits) => Bits = bits;

        /// <summary>0.</summary>
        public static readonly Binary64 Zero = new Binary64(0);
        /// <summary>1.</summary>
        public static readonly Binary64 One = new Binary64(0x3FF0000000000000UL);
        /// <summary>2.</summary>
        public static readonly Binary64 Two = new Binary64(0x4000000000000000UL);
        /// <summary>½.</summary>
        public static readonly Binary64 Half = new Binary64(0x3FE0000000000000UL);
        /// <summary>The quiet NaN every invalid operation returns.</summary>
        public static readonly Binary64 NaN = new Binary64(0x7FF8000000000000UL);

        /// <summary>The value with these bits.</summary>
        public static Binary64 FromBits(ulong bits) => new Binary64(bits);

        /// <summary>The double's bits (a reinterpretation, no arithmetic).</summary>
        public static Binary64 FromDouble(double value) => new Binary64((ulong)BitConverter.DoubleToInt64Bits(value));

        /// <summary>The double with these bits (a reinterpretation, no arithmetic).</summary>
        public double ToDouble() => BitConverter.Int64BitsToDouble((long)Bits);

        /// <summary><paramref name="value"/> rounded to binary64 (exact below 2⁵³ in magnitude).</summary>
        public static Binary64 FromInt(long value)
        {
            if (value == 0) return Zero;
            var sign = value < 0 ? SignBit : 0;
            var magnitude = value < 0 ? (ulong)(-(value + 1)) + 1 : (ulong)value;
            return Round(sign, 0, magnitude, false);
        }

        /// <summary><paramref name="significand"/>·2^<paramref name="exponent"/>, rounded to binary64 (exact when it fits).</summary>
        public static Binary64 Scaled(ulong significand, int exponent) =>
            significand == 0 ? Zero : Round(0, exponent, significand, false);

        /// <summary>The float's value as a double (always exact).</summary>
        public static Binary64 FromSingle(float value)
        {
            var b = (uint)BitConverter.SingleToInt32Bits(value);
            var sign = (ulong)(b & 0x80000000u) << 32;
            var field = (int)((b >> 23) & 0xFF);
            var fraction = b & 0x7FFFFFu;
            if (field == 0xFF) return fraction == 0 ? new Binary64(sign | 0x7FF0000000000000UL) : NaN;
            if (field == 0) return fraction == 0 ? new Binary64(sign) : Round(sign, -149, fraction, false);
            return Round(sign, field - 150, fraction | 0x800000u, false);
        }

        /// <summary>The value rounded to binary32 (to nearest, ties to even), as <c>(float)</c> of a double does.</summary>
        public float ToSingle()
        {
            var sign = (uint)(Bits >> 32) & 0x80000000u;
            var field = Field;
            if (field == MaxField) return (Bits & FractionMask) == 0 ? BitConverter.Int32BitsToSingle((int)(sign | 0x7F800000u)) : float.NaN;
            if (IsZero) return BitConverter.Int32BitsToSingle((int)sign);
            if (field >= 1023 - 126 && field <= 1023 + 126)
            {
                // A normal float with room for a carry: drop 29 bits at once.
                var fraction = Bits & FractionMask;
                var top = (uint)(fraction >> 29);
                var rest = fraction & 0x1FFFFFFFUL;
                if (rest > 0x10000000UL || (rest == 0x10000000UL && (top & 1) != 0)) top++;
                return BitConverter.Int32BitsToSingle((int)(sign | (((uint)(field - 1023 + 127) << 23) + top)));
            }
            Unpack(Bits, out var m, out var e);                                       // m has 53 bits
            var shift = Math.Max(53 - 24, -149 - e);
            var q = RoundShift(m, shift, false);
            var biased = (long)e + shift + 149;                                       // the field, less the implicit bit's carry
            if (biased + (long)(q >> 23) >= 0xFF) return BitConverter.Int32BitsToSingle((int)(sign | 0x7F800000u));
            return BitConverter.Int32BitsToSingle((int)(sign | (((uint)biased << 23) + (uint)q)));
        }

        /// <summary>The value truncated toward zero to an integer (|value| below 2⁶³; NaN and infinities are not allowed).</summary>
        public long ToInt64Truncated()
        {
            var field = Field;
            if (field < 1023) return 0;
            var m = (Bits & FractionMask) | ImplicitBit;
            var shift = field - 1075;
            var magnitude = shift >= 0 ? m << shift : m >> -shift;
            return IsNegative ? -(long)magnitude : (long)magnitude;
        }

        int Field => (int)((Bits >> 52) & MaxField);

        /// <summary>True for NaN.</summary>
        public bool IsNaN => Field == MaxField && (Bits & FractionMask) != 0;
        /// <summary>True for +0 and −0.</summary>
        public bool IsZero => (Bits & ~SignBit) == 0;
        /// <summary>True when the sign bit is set (−0 included).</summary>
        public bool IsNegative => (Bits & SignBit) != 0;
        /// <summary>True unless NaN or infinite.</summary>
        public bool IsFinite => Field != MaxField;

        /// <summary>|value|.</summary>
        public static Binary64 Abs(Binary64 a) => new Binary64(a.Bits & ~SignBit);

        /// <summary>−value (flips the sign bit).</summary>
        public static Binary64 operator -(Binary64 a) => new Binary64(a.Bits ^ SignBit);

        /// <summary>The largest integer not above the value (−0 stays −0; NaN and infinities are returned).</summary>
        public static Binary64 Floor(Binary64 a)
        {
            var field = a.Field;
            if (field == MaxField || field >= 1075 || a.IsZero) return a;     // NaN, ∞, integers from 2⁵², ±0
            if (field < 1023) return a.IsNegative ? -One : Zero;              // 0 < |a| < 1
            var mask = (1UL << (1075 - field)) - 1;                            // the fraction bits below the units
            if ((a.Bits & mask) == 0) return a;
            var truncated = new Binary64(a.Bits & ~mask);
            return a.IsNegative ? truncated - One : truncated;
        }

        /// <summary>A key that orders non-NaN values as numbers (+0 and −0 equal).</summary>
        long Key => IsNegative ? -(long)(Bits & ~SignBit) : (long)Bits;

        /// <summary>IEEE less-than (false when either is NaN).</summary>
        public static bool operator <(Binary64 a, Binary64 b) => !a.IsNaN && !b.IsNaN && a.Key < b.Key;
        /// <summary>IEEE greater-than (false when either is NaN).</summary>
        public static bool operator >(Binary64 a, Binary64 b) => !a.IsNaN && !b.IsNaN && a.Key > b.Key;
        /// <summary>IEEE less-or-equal (false when either is NaN).</summary>
        public static bool operator <=(Binary64 a, Binary64 b) => !a.IsNaN && !b.IsNaN && a.Key <= b.Key;
        /// <summary>IEEE greater-or-equal (false when either is NaN).</summary>
        public static bool operator >=(Binary64 a, Binary64 b) => !a.IsNaN && !b.IsNaN && a.Key >= b.Key;
        /// <summary>IEEE equality (NaN equals nothing, +0 = −0).</summary>
        public static bool operator ==(Binary64 a, Binary64 b) => !a.IsNaN && !b.IsNaN && a.Key == b.Key;
        /// <summary>IEEE inequality.</summary>
        public static bool operator !=(Binary64 a, Binary64 b) => !(a == b);

        /// <summary>Bitwise identity (as <see cref="double.Equals(double)"/>: NaN equals NaN here).</summary>
        public bool Equals(Binary64 other) => Bits == other.Bits || (IsNaN && other.IsNaN);
        /// <inheritdoc/>
        public override bool Equals(object obj) => obj is Binary64 other && Equals(other);
        /// <inheritdoc/>
        public override int GetHashCode() => IsNaN ? NaN.Bits.GetHashCode() : Bits.GetHashCode();
        /// <summary>The value as a double's round-trip text.</summary>
        public override string ToString() => ToDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }
}
