using System;

namespace Wasserforge.Latent
{
    /// <summary>Operations on latent vectors: interpolation, grids, truncation. Span-based; nothing allocates.</summary>
    public static class LatentMath
    {
        static void SameLength(int a, int b, int dest)
        {
            if (a != b || dest < a) throw new ArgumentException($"latents have lengths {a} and {b}; the destination has {dest}. They must match.");
        }

        /// <summary>(1 − t)·a + t·b.</summary>
        /// <exception cref="ArgumentException">Lengths differ.</exception>
        public static void Lerp(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float t, Span<float> destination)
        {
            SameLength(a.Length, b.Length, destination.Length);
            for (var i = 0; i < a.Length; i++) destination[i] = a[i] + (b[i] - a[i]) * t;
        }

        /// <summary>
        /// Spherical interpolation: along the great circle between the directions of a and b, with the
        /// norm interpolated linearly, so every point has a norm typical of the latent prior (unlike
        /// <see cref="Lerp"/>, whose midpoints shrink). t = 0 gives a, t = 1 gives b. Nearly parallel
        /// vectors (angle below 1e-4 rad) fall back to lerp. Exactly or nearly opposite vectors (angle
        /// within 1e-4 rad of π) have no unique great circle: the path goes through the direction
        /// orthogonal to a in the plane of a and the axis where a is smallest, deterministically.
        /// </summary>
        /// <exception cref="ArgumentException">Lengths differ.</exception>
        public static void Slerp(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float t, Span<float> destination)
        {
            SameLength(a.Length, b.Length, destination.Length);
            double na = 0, nb = 0, dot = 0;
            for (var i = 0; i < a.Length; i++) { na += (double)a[i] * a[i]; nb += (double)b[i] * b[i]; dot += (double)a[i] * b[i]; }
            na = Math.Sqrt(na); nb = Math.Sqrt(nb);
            if (na == 0 || nb == 0) { Lerp(a, b, t, destination); return; }
            var cos = Math.Max(-1.0, Math.Min(1.0, dot / (na * nb)));
            var omega = Math.Acos(cos);
            var norm = na + (nb - na) * t;
            if (omega < 1e-4) { Lerp(a, b, t, destination); return; }
            if (Math.PI - omega < 1e-4)
            {
                // Opposite: a → p (orthogonal) → b, each half a quarter turn.
                var k = 0;
                for (var i = 1; i < a.Length; i++) if (Math.Abs(a[i]) < Math.Abs(a[k])) k = i;
                double pk = 1.0 - a[k] * a[k] / (na * na);   // e_k minus its projection on â, component k
                double pn = Math.Sqrt(Math.Max(pk, 1e-30));
                var angle = Math.PI * t;
                var ca = Math.Cos(angle);
                var sa = Math.Sin(angle);
                for (var i = 0; i < a.Length; i++)
                {
                    var ai = a[i] / na;
                    var pi = ((i == k ? 1.0 : 0.0) - a[k] / na * ai) / pn;
                    destination[i] = (float)((ca * ai + sa * pi) * norm);
                }
                return;
            }
            var sin = Math.Sin(omega);
            var wa = Math.Sin((1 - t) * omega) / sin / na;
            var wb = Math.Sin(t * omega) / sin / nb;
            for (var i = 0; i < a.Length; i++) destination[i] = (float)((wa * a[i] + wb * b[i]) * norm);
        }

        /// <summary>
        /// A cols × rows grid blending four corner latents bilinearly: cell (c, r) at u = c/(cols−1),
        /// v = r/(rows−1) is (1−u)(1−v)·topLeft + u(1−v)·topRight + (1−u)v·bottomLeft + uv·bottomRight.
        /// Cells are written row by row into <paramref name="destination"/> (cols·rows·dim floats).
        /// </summary>
        /// <exception cref="ArgumentException">Lengths differ, a size is below 1, or the destination is too short.</exception>
        public static void BilinearGrid(ReadOnlySpan<float> topLeft, ReadOnlySpan<float> topRight, ReadOnlySpan<float> bottomLeft, ReadOnlySpan<float> bottomRight,
                                        int cols, int rows, Span<float> destination)
        {
            var d = topLeft.Length;
            if (topRight.Length != d || bottomLeft.Length != d || bottomRight.Length != d) throw new ArgumentException("corner latents must have the same length.");
            if (cols < 1 || rows < 1) throw new ArgumentException($"grid {cols}x{rows} must be at least 1x1.");
            if (destination.Length < cols * rows * d) throw new ArgumentException($"destination has {destination.Length} floats; {cols}x{rows} latents of {d} need {cols * rows * d}.");
            for (var r = 0; r < rows; r++)
            {
                var v = rows == 1 ? 0f : (float)r / (rows - 1);
                for (var c = 0; c < cols; c++)
                {
                    var u = cols == 1 ? 0f : (float)c / (cols - 1);
                    var cell = destination.Slice((r * cols + c) * d, d);
                    for (var i = 0; i < d; i++)
                    {
                        var top = topLeft[i] + (topRight[i] - topLeft[i]) * u;
                        var bottom = bottomLeft[i] + (bottomRight[i] - bottomLeft[i]) * u;
                        cell[i] = top + (bottom - top) * v;
                    }
                }
            }
        }

        /// <summary>
        /// The truncation trick: scales a latent toward the prior's mean (0) by ψ in place. ψ = 1 leaves
        /// it unchanged; smaller ψ trades variety for typical, higher-quality samples.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">ψ is negative or not finite.</exception>
        public static void Truncate(Span<float> latent, float psi)
        {
            if (!(psi >= 0) || float.IsInfinity(psi)) throw new ArgumentOutOfRangeException(nameof(psi), psi, "truncation ψ must be a finite value ≥ 0 (1 = none).");
            for (var i = 0; i < latent.Length; i++) latent[i] *= psi;
        }

        /// <summary>Euclidean norm.</summary>
        public static double Norm(ReadOnlySpan<float> v)
        {
            double s = 0;
            foreach (var x in v) s += (double)x * x;
            return Math.Sqrt(s);
        }
    }
}
