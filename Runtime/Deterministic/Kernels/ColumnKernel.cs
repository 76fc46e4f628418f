using System.Numerics;

namespace Wasserforge.Deterministic
{
    /// <summary>
    /// The micro-kernel of every convolution: a tile of 4 output rows × one panel of columns,
    /// Σₖ w[row, k]·x[k, column] over all taps, into 64-bit sums. Products and chunk sums
    /// (<see cref="FixedMath.ChunkTaps"/> taps) are exact 32-bit integers by the weight bound; the
    /// vector loop adds each chunk's 32-bit sums into 64-bit sums, the scalar loop adds every product
    /// into 64-bit sums. Exact integer sums do not depend on order, so both give the same bits.
    /// </summary>
    internal static unsafe class ColumnKernel
    {
        static void Store(long* row, int vl, Vector<long> a, Vector<long> b, Vector<long> c, Vector<long> d)
        {
            *(Vector<long>*)row = a;
            *(Vector<long>*)(row + vl) = b;
            *(Vector<long>*)(row + 2 * vl) = c;
            *(Vector<long>*)(row + 3 * vl) = d;
        }

        /// <summary>
        /// Computes the tile: <paramref name="w"/> is one weight block ([tap][4]); tap k of the tile's columns
        /// is read as two segments of width/2 values at <paramref name="origin0"/> + offsets[k] and
        /// <paramref name="origin1"/> + offsets[k] (a zero-padded input read in place, or a packed panel with
        /// offsets[k] = k·width); <paramref name="tile"/> receives [4][width] sums, the two segments side by side.
        /// </summary>
        public static void Run(KernelChoice kernels, int* w, int* origin0, int* origin1, int* offsets, int taps, long* tile)
        {
            if (kernels.Vectorized) Vectorized(w, origin0, origin1, offsets, taps, tile);
            else Scalar(w, origin0, origin1, offsets, taps, tile);
        }

        static void Vectorized(int* w, int* origin0, int* origin1, int* offsets, int taps, long* tile)
        {
            var v = Vector<int>.Count;
            var vl = Vector<long>.Count;
            var width = 2 * v;
            Vector<long> s00 = default, s01 = default, s02 = default, s03 = default;
            Vector<long> s10 = default, s11 = default, s12 = default, s13 = default;
            Vector<long> s20 = default, s21 = default, s22 = default, s23 = default;
            Vector<long> s30 = default, s31 = default, s32 = default, s33 = default;
            for (var k0 = 0; k0 < taps; k0 += FixedMath.ChunkTaps)
            {
                var end = k0 + FixedMath.ChunkTaps < taps ? k0 + FixedMath.ChunkTaps : taps;
                Vector<int> c00 = default, c01 = default, c10 = default, c11 = default;
                Vector<int> c20 = default, c21 = default, c30 = default, c31 = default;
                var wk = w + k0 * KernelChoice.BlockRows;
                for (var k = k0; k < end; k++)
                {
                    var offset = offsets[k];
                    var b0 = *(Vector<int>*)(origin0 + offset);
                    var b1 = *(Vector<int>*)(origin1 + offset);
                    var a = new Vector<int>(wk[0]);
                    c00 += a * b0; c01 += a * b1;
                    a = new Vector<int>(wk[1]);
                    c10 += a * b0; c11 += a * b1;
                    a = new Vector<int>(wk[2]);
                    c20 += a * b0; c21 += a * b1;
                    a = new Vector<int>(wk[3]);
                    c30 += a * b0; c31 += a * b1;
                    wk += KernelChoice.BlockRows;
                }
                Vector.Widen(c00, out var lo, out var hi); s00 += lo; s01 += hi;
                Vector.Widen(c01, out lo, out hi); s02 += lo; s03 += hi;
                Vector.Widen(c10, out lo, out hi); s10 += lo; s11 += hi;
                Vector.Widen(c11, out lo, out hi); s12 += lo; s13 += hi;
                Vector.Widen(c20, out lo, out hi); s20 += lo; s21 += hi;
                Vector.Widen(c21, out lo, out hi); s22 += lo; s23 += hi;
                Vector.Widen(c30, out lo, out hi); s30 += lo; s31 += hi;
                Vector.Widen(c31, out lo, out hi); s32 += lo; s33 += hi;
            }
            Store(tile, vl, s00, s01, s02, s03);
            Store(tile + width, vl, s10, s11, s12, s13);
            Store(tile + 2 * width, vl, s20, s21, s22, s23);
            Store(tile + 3 * width, vl, s30, s31, s32, s33);
        }

        /// <summary>The 4×4 scalar tile: 32-bit products (exact by the weight bound) added into 64-bit sums.</summary>
        static void Scalar(int* w, int* origin0, int* origin1, int* offsets, int taps, long* tile)
        {
            long s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
            long s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
            for (var k = 0; k < taps; k++)
            {
                var p0 = origin0 + offsets[k];
                var p1 = origin1 + offsets[k];
                int b0 = p0[0], b1 = p0[1], b2 = p1[0], b3 = p1[1];
                var a = w[0];
                s00 += a * b0; s01 += a * b1; s02 += a * b2; s03 += a * b3;
                a = w[1];
                s10 += a * b0; s11 += a * b1; s12 += a * b2; s13 += a * b3;
                a = w[2];
                s20 += a * b0; s21 += a * b1; s22 += a * b2; s23 += a * b3;
                a = w[3];
                s30 += a * b0; s31 += a * b1; s32 += a * b2; s33 += a * b3;
                w += KernelChoice.BlockRows;
            }
            tile[0] = s00; tile[1] = s01; tile[2] = s02; tile[3] = s03;
            tile[4] = s10; tile[5] = s11; tile[6] = s12; tile[7] = s13;
            tile[8] = s20; tile[9] = s21; tile[10] = s22; tile[11] = s23;
            tile[12] = s30; tile[13] = s31; tile[14] = s32; tile[15] = s33;
        }
    }
}
