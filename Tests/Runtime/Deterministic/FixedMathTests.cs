using System;
using NUnit.Framework;
using Wasserforge.Deterministic;
using Wasserforge.Pixels;

namespace Wasserforge.Tests.Deterministic
{
    /// <summary>The integer building blocks against exact double arithmetic (tests may use floating point; the device does not).</summary>
    public class FixedMathTests
    {
        [Test]
        public void RoundShiftRoundsHalvesUp()
        {
            Assert.That(FixedMath.RoundShift(5, 1), Is.EqualTo(3));       // 2.5 → 3
            Assert.That(FixedMath.RoundShift(-5, 1), Is.EqualTo(-2));     // −2.5 → −2
            Assert.That(FixedMath.RoundShift(-6, 2), Is.EqualTo(-1));     // −1.5 → −1
            Assert.That(FixedMath.RoundShift(7, 0), Is.EqualTo(7));
            Assert.That(FixedMath.RoundShift(3, -4), Is.EqualTo(48));
            Assert.That(FixedMath.RoundShift(long.MaxValue >> 2, 63), Is.EqualTo(0));
            var rng = new Random(5);
            for (var i = 0; i < 10000; i++)
            {
                long v = rng.Next(-1 << 30, 1 << 30);
                var s = rng.Next(1, 20);
                Assert.That(FixedMath.RoundShift(v, s), Is.EqualTo((long)Math.Floor(v / Math.Pow(2, s) + 0.5)));
            }
        }

        [Test]
        public void BitLengthIsTheSmallestPowerAbove()
        {
            Assert.That(FixedMath.BitLength(0), Is.EqualTo(0));
            Assert.That(FixedMath.BitLength(1), Is.EqualTo(1));
            for (var b = 1; b < 64; b++)
            {
                Assert.That(FixedMath.BitLength(1UL << b), Is.EqualTo(b + 1));
                Assert.That(FixedMath.BitLength((1UL << b) - 1), Is.EqualTo(b));
            }
            Assert.That(FixedMath.Magnitude(long.MinValue), Is.EqualTo(1UL << 63));
        }

        [Test]
        public void FloatsDecomposeAndQuantizeExactly()
        {
            var rng = new Random(7);
            foreach (var v in new[] { 0f, -0f, 1f, -1f, 0.2f, 3.5e-42f, float.Epsilon, float.MaxValue, -123.456f })
                Check(v);
            for (var i = 0; i < 20000; i++) Check((float)((rng.NextDouble() * 2 - 1) * Math.Pow(2, rng.Next(-40, 40))));
            Assert.That(FixedMath.Decompose(float.NaN, out _, out _), Is.False);
            Assert.That(FixedMath.Decompose(float.PositiveInfinity, out _, out _), Is.False);

            void Check(float v)
            {
                Assert.That(FixedMath.Decompose(v, out var m, out var e), Is.True);
                Assert.That(Math.Abs(m), Is.LessThan(1 << 24));
                Assert.That(m * Math.Pow(2, e), Is.EqualTo((double)v));
                if (v != 0) Assert.That(Math.Abs((double)v), Is.LessThan(Math.Pow(2, FixedMath.MagnitudeExponent(v))).And.GreaterThanOrEqualTo(Math.Pow(2, FixedMath.MagnitudeExponent(v) - 1)));
                var f = v == 0 ? 0 : 20 - FixedMath.MagnitudeExponent(v);
                Assert.That(FixedMath.Quantize(v, f), Is.EqualTo((long)Math.Floor(v * Math.Pow(2, f) + 0.5)));
            }
        }

        [Test]
        public void ToFloatIsExactForActivations()
        {
            var rng = new Random(9);
            for (var i = 0; i < 20000; i++)
            {
                var q = rng.Next(-FixedMath.ActivationLimit, FixedMath.ActivationLimit + 1);
                var f = rng.Next(-100, 120);
                Assert.That(FixedMath.ToFloat(q, f), Is.EqualTo((float)(q * Math.Pow(2, -f))), $"{q}·2^-{f}");
            }
            Assert.That(FixedMath.ToFloat((1L << 40) + 1, 40), Is.EqualTo(1f));
            Assert.That(FixedMath.ToFloat(1, 200), Is.EqualTo(0f));
        }

        [Test]
        public void TanhAndSigmoidAreWithinOneStepOfTheTrueValues()
        {
            var step = 1.0 / FixedMath.ActivationLimit;
            var rng = new Random(3);
            for (var i = 0; i < 50000; i++)
            {
                var f = rng.Next(6, 18);
                var q = rng.Next(-FixedMath.ActivationLimit, FixedMath.ActivationLimit + 1);
                var x = q * Math.Pow(2, -f);
                Assert.That(IntegerActivations.Tanh(q, f) * step, Is.EqualTo(Math.Tanh(x)).Within(0.51 * step + 1e-9), $"tanh {x}");
                Assert.That(IntegerActivations.Sigmoid(q, f) * step, Is.EqualTo(1 / (1 + Math.Exp(-x))).Within(0.51 * step + 1e-9), $"sigmoid {x}");
                Assert.That(IntegerActivations.Tanh(-q, f), Is.EqualTo(-IntegerActivations.Tanh(q, f)));
            }
            Assert.That(IntegerActivations.Tanh(FixedMath.ActivationLimit, -20), Is.EqualTo(FixedMath.ActivationLimit));
            Assert.That(IntegerActivations.Sigmoid(-FixedMath.ActivationLimit, -20), Is.EqualTo(0));
            Assert.That(IntegerActivations.Sigmoid(0, 5), Is.EqualTo(FixedMath.ActivationLimit / 2));
        }

        [Test]
        public void TanhIsMonotonic()
        {
            const int f = 12;
            var previous = IntegerActivations.Tanh(-FixedMath.ActivationLimit, f);
            for (var q = -FixedMath.ActivationLimit + 1; q <= FixedMath.ActivationLimit; q++)
            {
                var t = IntegerActivations.Tanh(q, f);
                Assert.That(t, Is.GreaterThanOrEqualTo(previous));
                previous = t;
            }
        }

        [Test]
        public void WeightChunksStayWithinTheirBound()
        {
            var rng = new Random(2);
            var w = new float[8 * 100];
            for (var i = 0; i < w.Length; i++) w[i] = (float)((rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-3, 3)));
            var r = WeightQuantizer.Quantize(new[] { w }, new[] { 100 }, 8);
            for (var row = 0; row < 8; row++)
            {
                var worst = 0L;
                for (var start = 0; start < 100; start += FixedMath.ChunkTaps)
                {
                    long sum = 0;
                    for (var k = start; k < Math.Min(100, start + FixedMath.ChunkTaps); k++) sum += Math.Abs(r.Values[0][row * 100 + k]);
                    worst = Math.Max(worst, sum);
                }
                Assert.That(worst, Is.LessThanOrEqualTo(FixedMath.WeightChunkBound));
                Assert.That(worst, Is.GreaterThan(FixedMath.WeightChunkBound / 2), "the exponent is the largest that fits");
                for (var k = 0; k < 100; k++)
                    Assert.That(r.Values[0][row * 100 + k] * Math.Pow(2, -r.Exponents[row]), Is.EqualTo(w[row * 100 + k]).Within(Math.Pow(2, -r.Exponents[row] - 1)));
            }
        }

        [Test]
        public void LevelsOfTheDefaultRangeEqualThePixelConverters()
        {
            var levels = new LevelTable(-1f, 1f);
            foreach (var f in new[] { FixedMath.ActivationBits, 10, 16 })
            {
                var table = levels.For(f);
                var values = new float[2 * FixedMath.ActivationLimit + 1];
                for (var q = -FixedMath.ActivationLimit; q <= FixedMath.ActivationLimit; q++) values[q + FixedMath.ActivationLimit] = FixedMath.ToFloat(q, f);
                var rgba = new byte[values.Length * 4];
                PixelConverter.ToRgba32(values, 1, 1, values.Length, 1, rgba);
                for (var i = 0; i < values.Length; i++) Assert.That(table[i], Is.EqualTo(rgba[4 * i]), $"value {values[i]} at exponent {f}");
            }
        }

        [Test]
        public void LevelsOfOtherRangesRoundTheExactRatio()
        {
            foreach (var (min, max) in new[] { (0f, 1f), (-0.7f, 1.3f), (-3e-3f, 2e4f) })
            {
                var table = new LevelTable(min, max).For(FixedMath.ActivationBits);
                for (var q = -FixedMath.ActivationLimit; q <= FixedMath.ActivationLimit; q += 7)
                {
                    var v = q * Math.Pow(2, -FixedMath.ActivationBits);
                    var x = (v - min) / ((double)max - min) * 255 + 0.5;
                    if (Math.Abs(x - Math.Round(x)) < 1e-9) continue;     // a tie too close for double to judge
                    Assert.That(table[q + FixedMath.ActivationLimit], Is.EqualTo((byte)Math.Max(0, Math.Min(255, Math.Floor(x)))), $"{v} in [{min}, {max}]");
                }
            }
        }
    }
}
