using System;
using Wasserforge.Latent;

namespace Wasserforge.Tests.Latent
{
    /// <summary>
    /// The latent code as it was before its arithmetic moved to integers (Binary64): the same formulas on
    /// the hardware's doubles and floats, with argument checks left out. Under CoreCLR (one correctly
    /// rounded instruction per operation) it is the reference that the integer version must equal bit
    /// for bit, so no seed's latent, slerp or grid changed. Also compiled into the latent benchmark
    /// (Tools~/bench/deterministic, "sampler") as the speed before the change.
    /// </summary>
    public static class HardwareLatentReference
    {
        const double Ln2 = 0.6931471805599453094172321;
        const double HalfPi = Math.PI * 0.5;
        const double ParallelTolerance = 1e-10;

        public static double Log(double x)
        {
            var bits = BitConverter.DoubleToInt64Bits(x);
            var exponent = (int)((bits >> 52) & 0x7FF);
            if (exponent == 0)
            {
                // Subnormal: scale into the normal range exactly.
                return Log(x * 4503599627370496.0) - 52 * Ln2;
            }
            var e = exponent - 1023;
            var m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);   // [1, 2)
            if (m > 1.4142135623730951) { m *= 0.5; e += 1; }
            var t = (m - 1.0) / (m + 1.0);
            var t2 = t * t;
            // Horner form of t·(1 + t²/3 + t⁴/5 + … + t²⁶/27).
            var sum = 1.0 / 27;
            for (var k = 25; k >= 1; k -= 2) sum = sum * t2 + 1.0 / k;
            return 2.0 * t * sum + e * Ln2;
        }

        public static void SinCos(double x, out double sin, out double cos)
        {
            var k = Math.Floor(x / HalfPi + 0.5);
            var r = x - k * HalfPi;
            var r2 = r * r;
            double s = 1.0, c = 1.0;
            for (var n = 9; n >= 1; n--)
            {
                s = 1.0 - r2 * s / ((2.0 * n) * (2.0 * n + 1.0));
                c = 1.0 - r2 * c / ((2.0 * n - 1.0) * (2.0 * n));
            }
            s *= r;
            var quadrant = (int)(k - 4.0 * Math.Floor(k / 4.0));
            switch (quadrant)
            {
                case 0: sin = s; cos = c; break;
                case 1: sin = c; cos = -s; break;
                case 2: sin = -s; cos = -c; break;
                default: sin = -c; cos = s; break;
            }
        }

        public static double Atan2(double y, double x)
        {
            var ax = Math.Abs(x);
            var ay = Math.Abs(y);
            if (ax == 0 && ay == 0) return 0.0;
            double a;
            if (ay <= ax) a = AtanUnit(ay / ax);
            else a = HalfPi - AtanUnit(ax / ay);
            if (x < 0) a = Math.PI - a;
            return y < 0 ? -a : a;
        }

        public static double AtanUnit(double z)
        {
            for (var i = 0; i < 3; i++) z = z / (1.0 + Math.Sqrt(1.0 + z * z));
            var z2 = z * z;
            var sum = 1.0 / 19;
            for (var k = 17; k >= 1; k -= 2) sum = 1.0 / k - z2 * sum;
            return 8.0 * z * sum;
        }

        public static void Sample(ulong seed, Span<float> latent)
        {
            var rng = new Xoshiro256(seed);
            var i = 0;
            while (i < latent.Length)
            {
                double v1, v2, s;
                do
                {
                    v1 = 2.0 * rng.NextDouble() - 1.0;
                    v2 = 2.0 * rng.NextDouble() - 1.0;
                    s = v1 * v1 + v2 * v2;
                } while (s >= 1.0 || s == 0.0);
                var f = Math.Sqrt(-2.0 * Log(s) / s);
                latent[i++] = (float)(v1 * f);
                if (i < latent.Length) latent[i++] = (float)(v2 * f);
            }
        }

        public static void Lerp(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float t, Span<float> destination)
        {
                        var s = 1f - t;
            for (var i = 0; i < a.Length; i++) destination[i] = a[i] * s + b[i] * t;
        }

        public static void Slerp(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float t, Span<float> destination)
        {
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
            var omega = Atan2(q, cos);
            SinCos(t * omega, out var st, out var ct);
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

        public static void BilinearGrid(ReadOnlySpan<float> topLeft, ReadOnlySpan<float> topRight, ReadOnlySpan<float> bottomLeft, ReadOnlySpan<float> bottomRight,
                                        int cols, int rows, Span<float> destination)
        {
            var d = topLeft.Length;
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

        public static void Truncate(Span<float> latent, float psi)
        {
            if (psi == 1f) return;
            for (var i = 0; i < latent.Length; i++) latent[i] *= psi;
        }

        public static double Norm(ReadOnlySpan<float> v)
        {
            double s = 0;
            foreach (var x in v) s += (double)x * x;
            return Math.Sqrt(s);
        }

        /// <summary>One step of LatentWalk.Next (noise from the reference sampler), in place on <paramref name="current"/>.</summary>
        public static void WalkStep(float[] current, float[] noise, double norm, ulong stepSeed, float scale)
        {
            Sample(stepSeed, noise);
            for (var i = 0; i < current.Length; i++) current[i] += noise[i] * scale;
            var f = (float)(norm / Norm(current));
            for (var i = 0; i < current.Length; i++) current[i] *= f;
        }
    }
}
