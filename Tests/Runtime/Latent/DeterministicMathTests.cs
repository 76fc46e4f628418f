using System;
using NUnit.Framework;
using Wasserforge.Latent;

namespace Wasserforge.Tests.Latent
{
    /// <summary>DeterministicMath against the platform's libm: the same values to a few ulps (its bits are pinned by the golden tests).</summary>
    public class DeterministicMathTests
    {
        [Test]
        public void LogMatchesMathLogClosely()
        {
            foreach (var x in new[] { 1e-300, 1e-10, 0.001, 0.3, 0.5, 0.7071, 0.99999, 1.0, 1.5, 2.0, 10.0, 1e10, 4.9e-324 })
                Assert.That(DeterministicMath.Log(x), Is.EqualTo(Math.Log(x)).Within(Math.Abs(Math.Log(x)) * 4e-16 + 1e-16), "x = " + x);
            Assert.Throws<ArgumentOutOfRangeException>(() => DeterministicMath.Log(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => DeterministicMath.Log(-1));
            Assert.Throws<ArgumentOutOfRangeException>(() => DeterministicMath.Log(double.PositiveInfinity));
        }

        [Test]
        public void SinCosMatchMathOverManyTurns()
        {
            for (var i = -2000; i <= 2000; i++)
            {
                var x = i * 0.0137;
                DeterministicMath.SinCos(x, out var s, out var c);
                Assert.That(s, Is.EqualTo(Math.Sin(x)).Within(2e-16 * (1 + Math.Abs(x))), "sin " + x);
                Assert.That(c, Is.EqualTo(Math.Cos(x)).Within(2e-16 * (1 + Math.Abs(x))), "cos " + x);
            }
            DeterministicMath.SinCos(0, out var s0, out var c0);
            Assert.That((s0, c0), Is.EqualTo((0.0, 1.0)));
            Assert.Throws<ArgumentOutOfRangeException>(() => DeterministicMath.SinCos(double.NaN, out _, out _));
        }

        [Test]
        public void Atan2MatchesMathInEveryOctant()
        {
            for (var i = 0; i < 720; i++)
            {
                var angle = -Math.PI + (i + 0.5) * (2 * Math.PI / 720);
                foreach (var r in new[] { 1e-12, 1.0, 3e7 })
                {
                    double y = r * Math.Sin(angle), x = r * Math.Cos(angle);
                    Assert.That(DeterministicMath.Atan2(y, x), Is.EqualTo(Math.Atan2(y, x)).Within(4e-16 * Math.PI), $"atan2({y}, {x})");
                }
            }
            Assert.That(DeterministicMath.Atan2(0, 0), Is.EqualTo(0.0));
            Assert.That(DeterministicMath.Atan2(0, -1), Is.EqualTo(Math.PI));
            Assert.That(DeterministicMath.Atan2(1, 0), Is.EqualTo(Math.PI / 2));
            Assert.That(DeterministicMath.Atan2(1e-20, 1), Is.EqualTo(1e-20).Within(1e-35), "tiny angles keep their relative accuracy");
            Assert.Throws<ArgumentOutOfRangeException>(() => DeterministicMath.Atan2(double.NaN, 1));
        }
    }
}
