using System;
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
            LatentMath.Lerp(a, b, 1, d); Assert.That(d, Is.EqualTo(b).Within(1e-6f));
            LatentMath.Slerp(a, b, 0, d); Assert.That(d, Is.EqualTo(a).Within(1e-5f));
            LatentMath.Slerp(a, b, 1, d); Assert.That(d, Is.EqualTo(b).Within(1e-5f));
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
            Assert.That(Cell(3, 0), Is.EqualTo(tr).Within(1e-6f));
            Assert.That(Cell(0, 2), Is.EqualTo(bl).Within(1e-6f));
            Assert.That(Cell(3, 2), Is.EqualTo(br).Within(1e-6f));
            var mid = new float[8];
            LatentMath.Lerp(tl, bl, 0.5f, mid);
            Assert.That(Cell(0, 1), Is.EqualTo(mid).Within(1e-6f));
        }

        [Test]
        public void TruncationScalesTowardTheMean()
        {
            var z = Z(9);
            var t = (float[])z.Clone();
            LatentMath.Truncate(t, 0.5f);
            Assert.That(t, Is.EqualTo(z.Select(v => v * 0.5f).ToArray()));
            Assert.Throws<ArgumentOutOfRangeException>(() => LatentMath.Truncate(t, -1));
            Assert.Throws<ArgumentOutOfRangeException>(() => LatentMath.Truncate(t, float.NaN));
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
