using System;

namespace Wasserforge.Latent
{
    /// <summary>
    /// Operations on latent vectors: interpolation, grids, truncation. Span-based and allocation-free;
    /// built only from basic IEEE operations and <see cref="DeterministicMath"/>, each computed with
    /// integers (<see cref="Binary64"/>, <see cref="Binary32"/>), so results are the same bits on every
    /// platform, runtime and compiler, and equal to what the hardware's float and double operations give.
    /// </summary>
    public static class LatentMath
    {
        /// <summary>Below this length the part of b̂ orthogonal to â is numerical noise: a and b are (anti)parallel (1e-10).</summary>
        static readonly Binary64 ParallelTolerance = Binary64.FromBits(0x3DDB7CDFD9D7BDBBUL);
        /// <summary>The floor of 1 − âₖ² for exactly opposite vectors (1e-300).</summary>
        static readonly Binary64 Tiny = Binary64.FromBits(0x01A56E1FC2F8F359UL);

        static void SameLength(int a, int b, int dest)
        {
            if (a != b || dest < a) throw new ArgumentException($"latents have lengths {a} and {b}; the destination has {dest}. They must match.");
        }

        /// <summary>
        /// Linear interpolation (1 − t)·a + t·b, per element in float32. t = 0 gives exactly a and
        /// t = 1 exactly b; t outside [0, 1] extrapolates.
        /// </summary>
        /// <exception cref="ArgumentException">a and b differ in length, or the destination is shorter.</exception>
        public static void Lerp(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float t, Span<float> destination)
        {
            SameLength(a.Length, b.Length, destination.Length);
            var s = Binary32.Subtract(1f, t);
            for (var i = 0; i < a.Length; i++) destination[i] = Binary32.Add(Binary32.Multiply(a[i], s), Binary32.Multiply(b[i], t));
        }

        /// <summary>
        /// Spherical interpolation: along the great circle from the direction of a to the direction of b,
        /// with the norm interpolated linearly (‖a‖ + (‖b‖ − ‖a‖)·t). Unlike <see cref="Lerp"/>, whose
        /// midpoints shrink toward 0 where a Gaussian prior has little mass, every point keeps a typical norm.
        /// <para>Computed in double as cos(tω)·â + sin(tω)·ê, where ê is the unit part of b̂ orthogonal to â
        /// and ω = atan2(‖b̂ − (â·b̂)â‖, â·b̂): no division by sin ω, so nearly parallel and nearly opposite
        /// vectors are as accurate as any others.</para>
        /// <para>t = 0 returns a exactly and t = 1 returns b exactly. Parallel vectors (no orthogonal part)
        /// keep their common direction and only the norm changes. Exactly opposite vectors have no unique
        /// great circle: the path then turns through ê = the unit vector of axis k minus its projection on â,
        /// where k is the first index of the smallest |aₖ| — the same choice on every machine. A zero vector
        /// at either end has no direction, and the result is <see cref="Lerp"/>.</para>
        /// </summary>
        /// <exception cref="ArgumentException">a and b differ in length, or the destination is shorter.</exception>
        public static void Slerp(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float t, Span<float> destination)
        {
            SameLength(a.Length, b.Length, destination.Length);
            if (t == 0f) { a.CopyTo(destination); return; }
            if (t == 1f) { b.CopyTo(destination); return; }
            Binary64 na2 = Binary64.Zero, nb2 = Binary64.Zero, ab = Binary64.Zero;
            for (var i = 0; i < a.Length; i++)
            {
                var ai = Binary64.FromSingle(a[i]);
                var bi = Binary64.FromSingle(b[i]);
                na2 += ai * ai;
                nb2 += bi * bi;
                ab += ai * bi;
            }
            var na = Binary64.Sqrt(na2);
            var nb = Binary64.Sqrt(nb2);
            if (na.IsZero || nb.IsZero) { Lerp(a, b, t, destination); return; }
            var cos = ab / (na * nb);
            // Length of the part of b̂ orthogonal to â, summed explicitly (accurate where 1 − cos² is not).
            var q2 = Binary64.Zero;
            for (var i = 0; i < a.Length; i++)
            {
                var qi = Binary64.FromSingle(b[i]) / nb - cos * (Binary64.FromSingle(a[i]) / na);
                q2 += qi * qi;
            }
            var q = Binary64.Sqrt(q2);
            var tt = Binary64.FromSingle(t);
            var norm = na + (nb - na) * tt;
            if (q <= ParallelTolerance && cos > Binary64.Zero)
            {
                var f = norm / na;
                for (var i = 0; i < a.Length; i++) destination[i] = (Binary64.FromSingle(a[i]) * f).ToSingle();
                return;
            }
            var omega = DeterministicMath.Atan2(q, cos);
            DeterministicMath.SinCos(tt * omega, out var st, out var ct);
            if (q > ParallelTolerance)
            {
                for (var i = 0; i < a.Length; i++)
                {
                    var ai = Binary64.FromSingle(a[i]) / na;
                    var ei = (Binary64.FromSingle(b[i]) / nb - cos * ai) / q;
                    destination[i] = ((ct * ai + st * ei) * norm).ToSingle();
                }
                return;
            }
            // Exactly opposite: turn through the deterministic perpendicular ê = (e_k − âₖ·â)/√(1 − âₖ²).
            var k = 0;
            for (var i = 1; i < a.Length; i++) if (Math.Abs(a[i]) < Math.Abs(a[k])) k = i;
            var ak = Binary64.FromSingle(a[k]) / na;
            var rest = Binary64.One - ak * ak;
            var pn = Binary64.Sqrt(rest > Tiny ? rest : Tiny);
            for (var i = 0; i < a.Length; i++)
            {
                var ai = Binary64.FromSingle(a[i]) / na;
                var ei = ((i == k ? Binary64.One : Binary64.Zero) - ak * ai) / pn;
                destination[i] = ((ct * ai + st * ei) * norm).ToSingle();
            }
        }

        /// <summary>
        /// A cols × rows grid blending four corner latents bilinearly: cell (c, r) at u = c/(cols−1),
        /// v = r/(rows−1) is the lerp by v of lerp(topLeft, topRight, u) and lerp(bottomLeft, bottomRight, u)
        /// (float32, the same arithmetic as <see cref="Lerp"/>), so the four corner cells are exactly the
        /// corner latents. A size of 1 puts that axis at u = 0 or v = 0. Cells are written row by row into
        /// <paramref name="destination"/> (cols·rows·dim floats).
        /// </summary>
        /// <exception cref="ArgumentException">Corner lengths differ, a size is below 1, or the destination is too short.</exception>
        public static void BilinearGrid(ReadOnlySpan<float> topLeft, ReadOnlySpan<float> topRight, ReadOnlySpan<float> bottomLeft, ReadOnlySpan<float> bottomRight,
                                        int cols, int rows, Span<float> destination)
        {
            var d = topLeft.Length;
            if (topRight.Length != d || bottomLeft.Length != d || bottomRight.Length != d) throw new ArgumentException("corner latents must have the same length.");
            if (cols < 1 || rows < 1) throw new ArgumentException($"grid {cols}x{rows} must be at least 1x1.");
            if ((long)destination.Length < (long)cols * rows * d) throw new ArgumentException($"destination has {destination.Length} floats; {cols}x{rows} latents of {d} need {(long)cols * rows * d}.");
            for (var r = 0; r < rows; r++)
            {
                var v = rows == 1 ? 0f : Binary32.Divide(Binary32.FromInt(r), Binary32.FromInt(rows - 1));
                var sv = Binary32.Subtract(1f, v);
                for (var c = 0; c < cols; c++)
                {
                    var u = cols == 1 ? 0f : Binary32.Divide(Binary32.FromInt(c), Binary32.FromInt(cols - 1));
                    var su = Binary32.Subtract(1f, u);
                    var cell = destination.Slice((r * cols + c) * d, d);
                    for (var i = 0; i < d; i++)
                    {
                        var top = Binary32.Add(Binary32.Multiply(topLeft[i], su), Binary32.Multiply(topRight[i], u));
                        var bottom = Binary32.Add(Binary32.Multiply(bottomLeft[i], su), Binary32.Multiply(bottomRight[i], u));
                        cell[i] = Binary32.Add(Binary32.Multiply(top, sv), Binary32.Multiply(bottom, v));
                    }
                }
            }
        }

        /// <summary>
        /// The truncation trick: scales a latent toward the prior's mean (0 for a standard normal) by ψ,
        /// in place. ψ = 1 leaves it unchanged; smaller ψ trades variety for typical, cleaner samples;
        /// ψ = 0 gives the mean itself.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">ψ is negative, NaN or infinite.</exception>
        public static void Truncate(Span<float> latent, float psi)
        {
            if (!(psi >= 0) || float.IsInfinity(psi)) throw new ArgumentOutOfRangeException(nameof(psi), psi, "truncation ψ must be a finite value ≥ 0 (1 = none).");
            if (psi == 1f) return;
            for (var i = 0; i < latent.Length; i++) latent[i] = Binary32.Multiply(latent[i], psi);
        }

        /// <summary>Euclidean norm, accumulated in double in index order.</summary>
        public static double Norm(ReadOnlySpan<float> v) => NormExact(v).ToDouble();

        /// <summary><see cref="Norm"/> as a <see cref="Binary64"/>.</summary>
        internal static Binary64 NormExact(ReadOnlySpan<float> v)
        {
            var s = Binary64.Zero;
            foreach (var x in v)
            {
                var d = Binary64.FromSingle(x);
                s += d * d;
            }
            return Binary64.Sqrt(s);
        }
    }
}
