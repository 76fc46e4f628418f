using System.Numerics;

namespace Wasserforge.Deterministic
{
    /// <summary>
    /// The kernel of fully connected layers (Gemm) at small batch: Σₖ w[row, k]·x[k] for 4 rows at a
    /// time against one input vector, vectorized along the taps. A vector lane sums only taps of one
    /// chunk in 32 bits before the chunk's sums are added into 64 bits, so every sum is exact.
    /// </summary>
    internal static unsafe class DotKernel
    {
        /// <summary>Writes the 4 sums of rows <paramref name="w"/>, +taps, +2·taps, +3·taps against <paramref name="x"/>.</summary>
        public static void Run(KernelChoice kernels, int* w, int* x, int taps, long* sums)
        {
            if (kernels.Vectorized) Vectorized(w, x, taps, sums);
            else Scalar(w, x, taps, sums);
        }

        static void Vectorized(int* w0, int* x, int taps, long* sums)
        {
            var v = Vector<int>.Count;
            int* w1 = w0 + taps, w2 = w1 + taps, w3 = w2 + taps;
            Vector<long> l0 = default, l1 = default, l2 = default, l3 = default;
            var k = 0;
            for (; k + FixedMath.ChunkTaps <= taps; k += FixedMath.ChunkTaps)
            {
                Vector<int> c0 = default, c1 = default, c2 = default, c3 = default;
                for (var j = k; j < k + FixedMath.ChunkTaps; j += v)
                {
                    var xv = *(Vector<int>*)(x + j);
                    c0 += *(Vector<int>*)(w0 + j) * xv;
                    c1 += *(Vector<int>*)(w1 + j) * xv;
                    c2 += *(Vector<int>*)(w2 + j) * xv;
                    c3 += *(Vector<int>*)(w3 + j) * xv;
                }
                Vector.Widen(c0, out var lo, out var hi); l0 += lo + hi;
                Vector.Widen(c1, out lo, out hi); l1 += lo + hi;
                Vector.Widen(c2, out lo, out hi); l2 += lo + hi;
                Vector.Widen(c3, out lo, out hi); l3 += lo + hi;
            }
            long t0 = 0, t1 = 0, t2 = 0, t3 = 0;
            for (var i = 0; i < Vector<long>.Count; i++) { t0 += l0[i]; t1 += l1[i]; t2 += l2[i]; t3 += l3[i]; }
            for (; k < taps; k++)
            {
                var xk = x[k];
                t0 += w0[k] * xk; t1 += w1[k] * xk; t2 += w2[k] * xk; t3 += w3[k] * xk;
            }
            sums[0] = t0; sums[1] = t1; sums[2] = t2; sums[3] = t3;
        }

        static void Scalar(int* w0, int* x, int taps, long* sums)
        {
            int* w1 = w0 + taps, w2 = w1 + taps, w3 = w2 + taps;
            long t0 = 0, t1 = 0, t2 = 0, t3 = 0;
            for (var k = 0; k < taps; k++)
            {
                var xk = x[k];
                t0 += w0[k] * xk; t1 += w1[k] * xk; t2 += w2[k] * xk; t3 += w3[k] * xk;
            }
            sums[0] = t0; sums[1] = t1; sums[2] = t2; sums[3] = t3;
        }
    }
}
