using System;

namespace Wasserforge.Latent
{
    /// <summary>
    /// Operations on latent vectors: interpolation, grids, truncation. Span-based and allocation-free;
    /// built only from basic IEEE operations and <see cref="DeterministicMath"/>, so results are the
    /// same bits on every platform.
    /// </summary>
    public static class LatentMath
    {
        /// <summary>Below this length the part of b̂ orthogonal to â is numerical noise: a and b are (anti)parallel.</summary>
        const double ParallelTolerance = 1e-10;

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
            var s = 1f - t;
            for (var i = 0; i < a.Length; i++) destination[i] = a[i] * s + b[i] * t;
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
            double na2 = 0, nb2 = 0, ab = 0;
            for (var i = 0; i < a.Length; i++) { na2 += (double)a[i] * a[i]; nb2 += (double)b[i] * b[i]; ab += (double)a[i] * b[i]; }
            var na = Math.Sqrt(na2);
            var nb = Math.Sqrt(nb2);
            if (na == 0 || nb == 0) { Lerp(a, b, t, destination); return; }
            var cos = ab / (na * nb);
            // Length of the part of b̂ orthogonal to â, summed explicitly (accurate where 1 − cos² is not).
            double q2 = 0;
            for (var i = 0; i < a.Length; i++)
            {
                var qi = b[i] / nb - cos * (a[i] / na);
                q2 += qi * qi;
            }
            var q = Math.Sqrt(q2);
            var norm = na + (nb - na) * t;
            if (q <= ParallelTolerance && cos > 0)
            {
                var f = norm / na;
                for (var i = 0; i < a.Length; i++) destination[i] = (float)(a[i] * f);
                return;
            }
            var omega = DeterministicMath.Atan2(q, cos);
            DeterministicMath.SinCos(t * omega, out var st, out var ct);
            if (q > ParallelTolerance)
            {
                for (var i = 0; i < a.Length; i++)
                {
                    var ai = a[i] / na;
                    var ei = (b[i] / nb - cos * ai) / q;
                    destination[i] = (float)((ct * ai + st * ei) * norm);
                }
                return;
            }
            // Exactly opposite: turn through the deterministic perpendicular ê = (e_k − âₖ·â)/√(1 − âₖ²).
            var k = 0;
            for (var i = 1; i < a.Length; i++) if (Math.Abs(a[i]) < Math.Abs(a[k])) k = i;
            var ak = a[k] / na;
            var pn = Math.Sqrt(Math.Max(1.0 - ak * ak, 1e-300));
            for (var i = 0; i < a.Length; i++)
            {
                var ai = a[i] / na;
                var ei = ((i == k ? 1.0 : 0.0) - ak * ai) / pn;
                destination[i] = (float)((ct * ai + st * ei) * norm);
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
                var v = rows == 1 ? 0f : (float)r / (rows - 1);
                var sv = 1f - v;
                for (var c = 0; c < cols; c++)
                {
                    var u = cols == 1 ? 0f : (float)c / (cols - 1);
                    var su = 1f - u;
                    var cell = destination.Slice((r * cols + c) * d, d);
                    for (var i = 0; i < d; i++)
                    {
                        var top = topLeft[i] * su + topRight[i] * u;
                        var bottom = bottomLeft[i] * su + bottomRight[i] * u;
                        cell[i] = top * sv + bottom * v;
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
            for (var i = 0; i < latent.Length; i++) latent[i] *= psi;
        }

        /// <summary>Euclidean norm, accumulated in double in index order.</summary>
        public static double Norm(ReadOnlySpan<float> v)
        {
            double s = 0;
            foreach (var x in v) s += (double)x * x;
            return Math.Sqrt(s);
        }
    }
}
