using System;
using System.Globalization;
using System.IO;
using System.Linq;
using NUnit.Framework;
using Wasserforge.Latent;

namespace Wasserforge.Tests.Latent
{
    public class LatentMathTests
    {
        static float[] Z(ulong seed, int n = 32) => LatentSampler.Sample(seed, n);

        [Test]
        public void LerpAndSlerpEndpointsAreTheInputs()
        {
            var a = Z(1); var b = Z(2);
            var d = new float[32];
            LatentMath.Lerp(a, b, 0, d); Assert.That(d, Is.EqualTo(a));
            LatentMath.Lerp(a, b, 1, d); Assert.That(d, Is.EqualTo(b));
            LatentMath.Slerp(a, b, 0, d); Assert.That(d, Is.EqualTo(a));
            LatentMath.Slerp(a, b, 1, d); Assert.That(d, Is.EqualTo(b));
            // Just inside the ends the path is continuous with them.
            LatentMath.Slerp(a, b, 1e-6f, d); Assert.That(d, Is.EqualTo(a).Within(1e-4f));
            LatentMath.Slerp(a, b, 1 - 1e-6f, d); Assert.That(d, Is.EqualTo(b).Within(1e-4f));
        }

        [Test]
        public void SlerpKeepsNormsWhileLerpShrinksThem()
        {
            var a = Z(3); var b = Z(4);
            var na = LatentMath.Norm(a); var nb = LatentMath.Norm(b);
            var s = new float[32]; var l = new float[32];
            for (var t = 0.1f; t < 1; t += 0.1f)
            {
                LatentMath.Slerp(a, b, t, s);
                Assert.That(LatentMath.Norm(s), Is.EqualTo(na + (nb - na) * t).Within(1e-4 * na));
            }
            LatentMath.Lerp(a, b, 0.5f, l);
            Assert.That(LatentMath.Norm(l), Is.LessThan(0.9 * Math.Min(na, nb)));
        }

        [Test]
        public void SlerpOfNearlyParallelVectorsIsFinite()
        {
            var a = Z(5);
            var b = a.Select(v => v * 1.0000001f).ToArray();
            var d = new float[32];
            LatentMath.Slerp(a, b, 0.5f, d);
            Assert.That(d.All(v => !float.IsNaN(v)), Is.True);
            Assert.That(d, Is.EqualTo(a).Within(1e-5f));
            // Exactly parallel with different norms: same direction, norm interpolated.
            var twice = a.Select(v => v * 2f).ToArray();
            LatentMath.Slerp(a, twice, 0.5f, d);
            Assert.That(d, Is.EqualTo(a.Select(v => v * 1.5f).ToArray()).Within(1e-5f));
        }

        [Test]
        public void SlerpOfNearlyOppositeVectorsStaysAccurate()
        {
            var a = Z(11);
            var b = a.Select(v => -v).ToArray();
            b[0] += 1e-4f;
            var d = new float[32];
            LatentMath.Slerp(a, b, 0.999999f, d);
            Assert.That(d, Is.EqualTo(b).Within(1e-4f), "near the end the path reaches b, not some other antipode");
            for (var t = 0.1f; t < 1; t += 0.1f)
            {
                LatentMath.Slerp(a, b, t, d);
                Assert.That(LatentMath.Norm(d), Is.EqualTo(LatentMath.Norm(a) + (LatentMath.Norm(b) - LatentMath.Norm(a)) * t).Within(1e-4), "t = " + t);
            }
        }

        [Test]
        public void SlerpAnglesAreEvenlySpaced()
        {
            var a = Z(12); var b = Z(13);
            double Angle(float[] x, float[] y)
            {
                double dot = 0; for (var i = 0; i < x.Length; i++) dot += (double)x[i] * y[i];
                return Math.Acos(Math.Max(-1, Math.Min(1, dot / (LatentMath.Norm(x) * LatentMath.Norm(y)))));
            }
            var total = Angle(a, b);
            var d = new float[32];
            foreach (var t in new[] { 0.2f, 0.5f, 0.8f })
            {
                LatentMath.Slerp(a, b, t, d);
                Assert.That(Angle(a, d), Is.EqualTo(t * total).Within(1e-5), "t = " + t);
                Assert.That(Angle(d, b), Is.EqualTo((1 - t) * total).Within(1e-5), "t = " + t);
            }
        }

        [Test]
        public void SlerpMatchesTheIndependentPythonImplementationBitForBit()
        {
            var lines = File.ReadAllLines(Path.Combine(TestPaths.PackageRoot, "Tests", "Runtime", "Latent", "golden_slerp.txt"));
            Assert.That(lines.Length, Is.EqualTo(25));
            foreach (var line in lines)
            {
                var parts = line.Split(' ');
                var (a, b) = SlerpCase(parts[0]);
                var t = float.Parse(parts[1], CultureInfo.InvariantCulture);
                var expected = parts.Skip(2).Select(h => uint.Parse(h, NumberStyles.HexNumber)).ToArray();
                var d = new float[16];
                LatentMath.Slerp(a, b, t, d);
                Assert.That(d.Select(v => BitConverter.ToUInt32(BitConverter.GetBytes(v), 0)).ToArray(), Is.EqualTo(expected), line.Substring(0, parts[0].Length + parts[1].Length + 1));
            }
        }

        /// <summary>The latent pairs of reference_latents.py's slerp_case.</summary>
        static (float[] a, float[] b) SlerpCase(string name)
        {
            var p = name.Split(':');
            var a = LatentSampler.Sample(ulong.Parse(p[1], CultureInfo.InvariantCulture), 16);
            switch (p[0])
            {
                case "seeds": return (a, LatentSampler.Sample(ulong.Parse(p[2], CultureInfo.InvariantCulture), 16));
                case "psi":
                    var b = LatentSampler.Sample(ulong.Parse(p[2], CultureInfo.InvariantCulture), 16);
                    LatentMath.Truncate(b, 0.5f);
                    return (a, b);
                case "parallel": return (a, a.Select(v => v * 2f).ToArray());
                case "opposite": return (a, a.Select(v => -v).ToArray());
                case "nearopposite":
                    var n = a.Select(v => -v).ToArray();
                    n[0] = (float)(-a[0] + 1e-3);
                    return (a, n);
                default: throw new ArgumentException(name);
            }
        }

        [Test]
        public void SlerpOfOppositeVectorsTakesAStableQuarterTurn()
        {
            var a = Z(6);
            var b = a.Select(v => -v).ToArray();
            var d = new float[32];
            LatentMath.Slerp(a, b, 0.5f, d);
            Assert.That(d.All(v => !float.IsNaN(v)), Is.True);
            double dot = 0; for (var i = 0; i < 32; i++) dot += a[i] * d[i];
            Assert.That(dot / (LatentMath.Norm(a) * LatentMath.Norm(d)), Is.EqualTo(0).Within(1e-5), "midpoint is orthogonal to both ends");
            Assert.That(LatentMath.Norm(d), Is.EqualTo(LatentMath.Norm(a)).Within(1e-4));
            LatentMath.Slerp(a, b, 1f, d);
            Assert.That(d, Is.EqualTo(b).Within(1e-5f));
        }

        [Test]
        public void GridCornersAreTheCornerLatents()
        {
            var tl = Z(1, 8); var tr = Z(2, 8); var bl = Z(3, 8); var br = Z(4, 8);
            var grid = new float[4 * 3 * 8];
            LatentMath.BilinearGrid(tl, tr, bl, br, 4, 3, grid);
            float[] Cell(int c, int r) => grid.Skip((r * 4 + c) * 8).Take(8).ToArray();
            Assert.That(Cell(0, 0), Is.EqualTo(tl));
            Assert.That(Cell(3, 0), Is.EqualTo(tr));
            Assert.That(Cell(0, 2), Is.EqualTo(bl));
            Assert.That(Cell(3, 2), Is.EqualTo(br));
            var mid = new float[8];
            LatentMath.Lerp(tl, bl, 0.5f, mid);
            Assert.That(Cell(0, 1), Is.EqualTo(mid));
            var top = new float[8];
            LatentMath.Lerp(tl, tr, 1f / 3, top);
            Assert.That(Cell(1, 0), Is.EqualTo(top));
            var single = new float[8];
            LatentMath.BilinearGrid(tl, tr, bl, br, 1, 1, single);
            Assert.That(single, Is.EqualTo(tl), "a 1x1 grid is the top-left corner");
        }

        [Test]
        public void TruncationScalesTowardTheMean()
        {
            var z = Z(9);
            var t = (float[])z.Clone();
            LatentMath.Truncate(t, 0.5f);
            Assert.That(t, Is.EqualTo(z.Select(v => v * 0.5f).ToArray()));
            Assert.That(LatentMath.Norm(t), Is.EqualTo(0.5 * LatentMath.Norm(z)).Within(1e-6));
            var same = (float[])z.Clone();
            LatentMath.Truncate(same, 1f);
            Assert.That(same, Is.EqualTo(z));
            LatentMath.Truncate(same, 0f);
            Assert.That(same.All(v => v == 0), Is.True, "ψ = 0 is the mean");
            Assert.Throws<ArgumentOutOfRangeException>(() => LatentMath.Truncate(t, -1));
            Assert.Throws<ArgumentOutOfRangeException>(() => LatentMath.Truncate(t, float.NaN));
            Assert.Throws<ArgumentOutOfRangeException>(() => LatentMath.Truncate(t, float.PositiveInfinity));
        }

        [Test]
        public void WalkIsDeterministicSmallStepsAndKeepsTheNorm()
        {
            var start = Z(10, 64);
            var w1 = new LatentWalk(3, start, 0.05f);
            var w2 = new LatentWalk(3, start, 0.05f);
            var a = new float[64]; var b = new float[64]; var prev = (float[])start.Clone();
            for (var i = 0; i < 20; i++)
            {
                w1.Next(a); w2.Next(b);
                Assert.That(a, Is.EqualTo(b));
                Assert.That(LatentMath.Norm(a), Is.EqualTo(LatentMath.Norm(start)).Within(1e-3));
                double step = 0; for (var k = 0; k < 64; k++) step += (a[k] - prev[k]) * (a[k] - prev[k]);
                Assert.That(Math.Sqrt(step), Is.LessThan(0.2 * LatentMath.Norm(start)));
                prev = (float[])a.Clone();
            }
            Assert.That(w1.Current.ToArray(), Is.EqualTo(a));
            double drift = 0; for (var k = 0; k < 64; k++) drift += (a[k] - start[k]) * (a[k] - start[k]);
            Assert.That(Math.Sqrt(drift), Is.GreaterThan(0.05 * LatentMath.Norm(start)), "the walk moves");
            var other = new LatentWalk(4, start, 0.05f);
            other.Next(b);
            var first = new LatentWalk(3, start, 0.05f);
            first.Next(a);
            Assert.That(b, Is.Not.EqualTo(a), "another seed walks elsewhere");
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 100; i++) first.Next(a);
            Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.EqualTo(0), "steps allocate nothing");
        }

        [Test]
        public void WalkRejectsBadArguments()
        {
            Assert.Throws<ArgumentException>(() => new LatentWalk(1, new float[0]));
            Assert.Throws<ArgumentException>(() => new LatentWalk(1, new float[4]));
            Assert.Throws<ArgumentOutOfRangeException>(() => new LatentWalk(1, Z(1, 4), -0.1f));
            Assert.Throws<ArgumentOutOfRangeException>(() => new LatentWalk(1, Z(1, 4), float.NaN));
            Assert.Throws<ArgumentException>(() => new LatentWalk(1, Z(1, 4)).Next(new float[3]));
        }

        [Test]
        public void MismatchedLengthsThrow()
        {
            Assert.Throws<ArgumentException>(() => LatentMath.Lerp(new float[3], new float[4], 0.5f, new float[4]));
            Assert.Throws<ArgumentException>(() => LatentMath.Slerp(new float[3], new float[3], 0.5f, new float[2]));
            Assert.Throws<ArgumentException>(() => LatentMath.BilinearGrid(new float[2], new float[2], new float[2], new float[2], 2, 2, new float[7]));
        }
    }
}
