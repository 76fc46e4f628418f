using System;

namespace Wasserforge.Deterministic
{
    /// <summary>
    /// Turns float weights into integers with one exponent per output row (channel), chosen as large
    /// as possible while every chunk of <see cref="FixedMath.ChunkTaps"/> consecutive taps keeps
    /// Σ|w| ≤ <see cref="FixedMath.WeightChunkBound"/>: then every 32-bit chunk sum of weights times
    /// activations (|x| ≤ 2^ActivationBits) is exact. Integer operations on the floats' bits only.
    /// A row may be split over several matrices (the phases of a transposed convolution); its exponent
    /// then satisfies the bound in all of them.
    /// </summary>
    internal static class WeightQuantizer
    {
        /// <summary>Quantized rows: <see cref="Values"/>[matrix][row·K + k] and the exponent of each row.</summary>
        public sealed class Result
        {
            public int[][] Values;
            public int[] Exponents;
        }

        /// <summary>Quantizes <paramref name="rows"/> rows of each matrix (row-major, <paramref name="taps"/>[i] columns).</summary>
        /// <exception cref="ArgumentException">A weight is NaN or infinite (the message says which row).</exception>
        public static Result Quantize(float[][] matrices, int[] taps, int rows)
        {
            var result = new Result { Values = new int[matrices.Length][], Exponents = new int[rows] };
            for (var i = 0; i < matrices.Length; i++) result.Values[i] = new int[rows * taps[i]];
            for (var r = 0; r < rows; r++)
            {
                var magnitude = int.MinValue;
                for (var i = 0; i < matrices.Length; i++)
                    for (var k = 0; k < taps[i]; k++)
                    {
                        var w = matrices[i][r * taps[i] + k];
                        if (!FixedMath.Decompose(w, out _, out _)) throw new ArgumentException($"weight row {r} holds {w}.");
                        magnitude = Math.Max(magnitude, FixedMath.MagnitudeExponent(w));
                    }
                if (magnitude == int.MinValue) { result.Exponents[r] = 0; continue; }   // an all-zero row
                // Start where the largest single weight just fits the bound, then step down until every chunk fits.
                var e = FixedMath.BitLength((ulong)FixedMath.WeightChunkBound) - 1 - magnitude;
                while (true)
                {
                    var worst = WorstChunk(matrices, taps, r, e);
                    if (worst <= FixedMath.WeightChunkBound) break;
                    e -= Math.Max(1, FixedMath.BitLength((ulong)worst) - FixedMath.BitLength((ulong)FixedMath.WeightChunkBound));
                }
                while (WorstChunk(matrices, taps, r, e + 1) <= FixedMath.WeightChunkBound) e++;
                result.Exponents[r] = e;
                for (var i = 0; i < matrices.Length; i++)
                    for (var k = 0; k < taps[i]; k++)
                        result.Values[i][r * taps[i] + k] = (int)FixedMath.Quantize(matrices[i][r * taps[i] + k], e);
            }
            return result;
        }

        /// <summary>The largest chunk sum Σ|round(w·2ᵉ)| of row <paramref name="r"/> over all matrices (saturating at 2⁶²).</summary>
        static long WorstChunk(float[][] matrices, int[] taps, int r, int e)
        {
            long worst = 0;
            for (var i = 0; i < matrices.Length; i++)
            {
                var k = taps[i];
                for (var start = 0; start < k; start += FixedMath.ChunkTaps)
                {
                    long sum = 0;
                    var end = Math.Min(k, start + FixedMath.ChunkTaps);
                    for (var t = start; t < end; t++)
                    {
                        var w = matrices[i][r * k + t];
                        if (FixedMath.MagnitudeExponent(w) + e > 40) return 1L << 62;   // far over the bound
                        sum += Math.Abs(FixedMath.Quantize(w, e));
                    }
                    if (sum > worst) worst = sum;
                }
            }
            return worst;
        }
    }
}
