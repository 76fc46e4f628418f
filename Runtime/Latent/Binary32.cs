namespace Wasserforge.Latent
{
    /// <summary>
    /// IEEE-754 binary32 (float) arithmetic computed with integers: each operation is done exactly
    /// enough in <see cref="Binary64"/> and rounded once to float. That double-then-float rounding is
    /// the correctly rounded float result for + − × ÷ because a double's 53 bits exceed 2·24 + 2
    /// (Figueroa, "When is double rounding innocuous?", 1995); the products are even exact in double.
    /// </summary>
    internal static class Binary32
    {
        /// <summary>a + b in float.</summary>
        public static float Add(float a, float b) => (Binary64.FromSingle(a) + Binary64.FromSingle(b)).ToSingle();

        /// <summary>a − b in float.</summary>
        public static float Subtract(float a, float b) => (Binary64.FromSingle(a) - Binary64.FromSingle(b)).ToSingle();

        /// <summary>a × b in float.</summary>
        public static float Multiply(float a, float b) => (Binary64.FromSingle(a) * Binary64.FromSingle(b)).ToSingle();

        /// <summary>a ÷ b in float.</summary>
        public static float Divide(float a, float b) => (Binary64.FromSingle(a) / Binary64.FromSingle(b)).ToSingle();

        /// <summary>(float)<paramref name="value"/>, rounded to nearest, ties to even.</summary>
        public static float FromInt(int value) => Binary64.FromInt(value).ToSingle();
    }
}
