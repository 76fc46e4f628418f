using System;
using NUnit.Framework;
using Wasserforge.Latent;

namespace Wasserforge.Tests.Latent
{
    /// <summary>
    /// Moving the latent code from the hardware's doubles to integer arithmetic (Binary64) changed no
    /// bit: every function against <see cref="HardwareLatentReference"/>, the previous code, on many
    /// random inputs. (The golden files pin the same values against the Python reference.)
    /// </summary>
    public class LatentArithmeticTests
    {
        static double D(ulong bits) => BitConverter.Int64BitsToDouble((long)bits);

        static void Same(double expected, double actual, string what)
        {
            if (double.IsNaN(expected) && double.IsNaN(actual)) return;
            if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
                Assert.Fail($"{what}: {expected:R} before, {actual:R} now");
        }

        static void Same(float[] expected, float[] actual, string what)
        {
            for (var i = 0; i < expected.Length; i++)
                if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]) && !(float.IsNaN(expected[i]) && float.IsNaN(actual[i])))
                    Assert.Fail($"{what}, value {i}: {expected[i]:R} before, {actual[i]:R} now");
        }

        [Test]
        public void EverySeedsLatentIsUnchanged()
        {
            var rng = new Xoshiro256(11);
            var before = new float[129];
            var now = new float[129];
            for (var n = 0; n < 4000; n++)
            {
                var seed = n < 1000 ? (ulong)n : rng.Next();
                HardwareLatentReference.Sample(seed, before);
                LatentSampler.Sample(seed, now);
                Same(before, now, "seed " + seed);
            }
        }

        [Test]
        public void LogSinCosAndAtan2AreUnchanged()
        {
            var rng = new Xoshiro256(12);
            for (var i = 0; i < 200_000; i++)
            {
                var x = D(rng.Next() & 0x7FFFFFFFFFFFFFFFUL);                        // any positive bits
                if (x > 0 && !double.IsInfinity(x)) Same(HardwareLatentReference.Log(x), DeterministicMath.Log(x), "log " + x);
                var s = D(rng.Next() >> 11) * (1.0 / 9007199254740992.0);           // the sampler's range (0, 1)
                if (s > 0) Same(HardwareLatentReference.Log(s), DeterministicMath.Log(s), "log " + s);
                var angle = (D((rng.Next() >> 12) | 0x3FF0000000000000UL) - 1.5) * Math.Pow(2, (int)(rng.Next() % 24));   // |angle| up to 4·10⁶
                HardwareLatentReference.SinCos(angle, out var s0, out var c0);
                DeterministicMath.SinCos(angle, out var s1, out var c1);
                Same(s0, s1, "sin " + angle);
                Same(c0, c1, "cos " + angle);
                double y = D(rng.Next()), xx = D(rng.Next());
                if (!double.IsNaN(y) && !double.IsNaN(xx)) Same(HardwareLatentReference.Atan2(y, xx), DeterministicMath.Atan2(y, xx), $"atan2({y:R}, {xx:R})");
                double y2 = rng.NextDouble() - 0.5, x2 = rng.NextDouble() - 0.5;
                Same(HardwareLatentReference.Atan2(y2, x2), DeterministicMath.Atan2(y2, x2), $"atan2({y2:R}, {x2:R})");
            }
        }

        static float[] Latent(ulong seed, int dim, float scale = 1f)
        {
            var z = LatentSampler.Sample(seed, dim);
            for (var i = 0; i < dim; i++) z[i] *= scale;
            return z;
        }

        [Test]
        public void InterpolationGridsTruncationNormsAndWalksAreUnchanged()
        {
            var rng = new Xoshiro256(13);
            const int dim = 67;
            var before = new float[dim];
            var now = new float[dim];
            for (var n = 0; n < 1500; n++)
            {
                var a = Latent(rng.Next(), dim);
                var b = Latent(rng.Next(), dim, (float)(rng.NextDouble() * 3));
                switch (n % 5)
                {
                    case 1: for (var i = 0; i < dim; i++) b[i] = -a[i]; break;                  // exactly opposite
                    case 2: for (var i = 0; i < dim; i++) b[i] = a[i] * 2.5f; break;            // parallel
                    case 3: b[n % dim] = a[n % dim] + 1e-3f; for (var i = 0; i < dim; i++) if (i != n % dim) b[i] = -a[i]; break;   // nearly opposite
                }
                var t = (float)(rng.NextDouble() * 1.4 - 0.2);
                HardwareLatentReference.Slerp(a, b, t, before);
                LatentMath.Slerp(a, b, t, now);
                Same(before, now, $"slerp case {n % 5}, t {t:R}");
                HardwareLatentReference.Lerp(a, b, t, before);
                LatentMath.Lerp(a, b, t, now);
                Same(before, now, $"lerp t {t:R}");
                Same(HardwareLatentReference.Norm(a), LatentMath.Norm(a), "norm");
                var psi = (float)rng.NextDouble() * 1.5f;
                var ta = (float[])a.Clone();
                var tb = (float[])a.Clone();
                HardwareLatentReference.Truncate(ta, psi);
                LatentMath.Truncate(tb, psi);
                Same(ta, tb, "truncate ψ " + psi);
            }
            var c = new[] { Latent(1, dim), Latent(2, dim), Latent(3, dim), Latent(4, dim) };
            const int cols = 7, rows = 5;
            var gridBefore = new float[cols * rows * dim];
            var gridNow = new float[gridBefore.Length];
            HardwareLatentReference.BilinearGrid(c[0], c[1], c[2], c[3], cols, rows, gridBefore);
            LatentMath.BilinearGrid(c[0], c[1], c[2], c[3], cols, rows, gridNow);
            Same(gridBefore, gridNow, "grid");
        }

        [Test]
        public void AWalkIsUnchanged()
        {
            var start = Latent(5, 64);
            var walk = new LatentWalk(77, start, 0.07f);
            var current = (float[])start.Clone();
            var noise = new float[64];
            var norm = HardwareLatentReference.Norm(start);
            var seed = 77UL;
            var step = new float[64];
            for (var i = 0; i < 200; i++)
            {
                seed = unchecked(seed * 6364136223846793005UL + 1442695040888963407UL);
                HardwareLatentReference.WalkStep(current, noise, norm, seed, 0.07f);
                walk.Next(step);
                Same(current, step, "step " + i);
            }
        }
    }
}
