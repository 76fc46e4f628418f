using System;
using System.Globalization;
using NUnit.Framework;
using Wasserforge.Latent;

namespace Wasserforge.Tests.Latent
{
    /// <summary>
    /// Binary64's integer arithmetic against this machine's IEEE-754 doubles (CoreCLR emits one SSE2 or
    /// NEON instruction per operation, correctly rounded): the same bits for every result, on millions
    /// of operands drawn to hit every region of the format — random bit patterns (all exponents,
    /// subnormals, infinities, NaNs), operands a few exponents apart (cancellation), exact ties for
    /// rounding, overflow and underflow, perfect squares — and a list of edge values crossed with each
    /// other. Any NaN result counts as the same (payloads differ between CPUs).
    /// </summary>
    public class Binary64Tests
    {
        const int Draws = 400_000;          // per operation and kind of operand: about 29 million checked results in all

        static readonly double[] Edges =
        {
            0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 3.0, 1.5, double.Epsilon, -double.Epsilon, 2 * double.Epsilon,
            BitConverter.Int64BitsToDouble(0x000FFFFFFFFFFFFF), BitConverter.Int64BitsToDouble(0x0010000000000000),
            BitConverter.Int64BitsToDouble(0x0010000000000001), BitConverter.Int64BitsToDouble(0x3FEFFFFFFFFFFFFF),
            BitConverter.Int64BitsToDouble(0x3FF0000000000001), double.MaxValue, -double.MaxValue, BitConverter.Int64BitsToDouble(0x7FEFFFFFFFFFFFFE),
            double.PositiveInfinity, double.NegativeInfinity, double.NaN, 9007199254740992.0, 9007199254740993.0, 1e-310, 1e308, Math.PI, 1.0 / 3,
        };

        /// <summary>Counts differences and keeps the first few to report.</summary>
        sealed class Tally
        {
            public long Checked, Wrong;
            public string First = "";

            public void Check(string op, double expected, Binary64 actual, double a, double b = 0)
            {
                Checked++;
                var same = double.IsNaN(expected) ? actual.IsNaN : (ulong)BitConverter.DoubleToInt64Bits(expected) == actual.Bits;
                if (same) return;
                if (Wrong++ < 5) First += $"\n{op}({Hex(a)}, {Hex(b)}) = {Hex(expected)}, Binary64 gave {actual.Bits:X16}";
            }

            public void AssertNone() => Assert.That(Wrong, Is.EqualTo(0), $"{Wrong} of {Checked} results differ:{First}");
        }

        static string Hex(double d) => BitConverter.DoubleToInt64Bits(d).ToString("X16", CultureInfo.InvariantCulture);
        static Binary64 B(double d) => Binary64.FromDouble(d);
        static double D(ulong bits) => BitConverter.Int64BitsToDouble((long)bits);

        /// <summary>Operand pairs of several kinds, <see cref="Draws"/> of each.</summary>
        static void ForPairs(ulong seed, Action<double, double> check)
        {
            var rng = new Xoshiro256(seed);
            for (var i = 0; i < Draws; i++) check(D(rng.Next()), D(rng.Next()));                        // any bits
            for (var i = 0; i < Draws; i++)
            {
                // Within 64 binades of each other around a random exponent: cancellation and alignment.
                var a = rng.Next() & 0x800FFFFFFFFFFFFFUL | (ulong)(1 + (long)(rng.Next() % 2045)) << 52;
                var field = (long)((a >> 52) & 0x7FF) + (long)(rng.Next() % 129) - 64;
                field = Math.Max(0, Math.Min(0x7FE, field));
                var b = rng.Next() & 0x800FFFFFFFFFFFFFUL | (ulong)field << 52;
                if ((rng.Next() & 3) == 0) b = (b & ~0xFFFFFFFUL) | (a & 0xFFFFFFFUL);            // shared low bits: exact halves and zeros
                check(D(a), D(b));
            }
            for (var i = 0; i < Draws; i++)
            {
                // Short significands (27 bits): products and sums that land exactly on ties.
                var a = (rng.Next() & 0x800FFFFFFC000000UL) | (ulong)(900 + (long)(rng.Next() % 248)) << 52;
                var b = (rng.Next() & 0x800FFFFFFC000000UL) | (ulong)(900 + (long)(rng.Next() % 248)) << 52;
                check(D(a), D(b));
            }
            for (var i = 0; i < Draws; i++)
            {
                // Near the ends of the range: overflow, underflow, subnormal results.
                var low = (rng.Next() & 1) == 0;
                var a = rng.Next() & 0x800FFFFFFFFFFFFFUL | (ulong)(low ? (long)(rng.Next() % 60) : 0x7FE - (long)(rng.Next() % 60)) << 52;
                var b = rng.Next() & 0x800FFFFFFFFFFFFFUL | (ulong)(1023 + (long)(rng.Next() % 120) - 60) << 52;
                check(D(a), D(b));
                check(D(b), D(a));
            }
            foreach (var a in Edges)
                foreach (var b in Edges)
                    check(a, b);
        }

        [Test]
        public void AdditionAndSubtractionAreTheHardwares()
        {
            var t = new Tally();
            ForPairs(1, (a, b) =>
            {
                t.Check("add", a + b, B(a) + B(b), a, b);
                t.Check("sub", a - b, B(a) - B(b), a, b);
            });
            t.AssertNone();
        }

        [Test]
        public void MultiplicationIsTheHardwares()
        {
            var t = new Tally();
            ForPairs(2, (a, b) => t.Check("mul", a * b, B(a) * B(b), a, b));
            t.AssertNone();
        }

        [Test]
        public void DivisionIsTheHardwares()
        {
            var t = new Tally();
            ForPairs(3, (a, b) =>
            {
                t.Check("div", a / b, B(a) / B(b), a, b);
                var p = a * b;                                            // exact or nearly exact quotients
                if (b != 0) t.Check("div", p / b, B(p) / B(b), p, b);
            });
            t.AssertNone();
        }

        [Test]
        public void SquareRootIsTheHardwares()
        {
            var t = new Tally();
            var rng = new Xoshiro256(4);
            for (var i = 0; i < 4 * Draws; i++)
            {
                var x = D(rng.Next());
                t.Check("sqrt", Math.Sqrt(x), Binary64.Sqrt(B(x)), x);
                var s = (double)(rng.Next() >> 38) * (rng.Next() >> 38);            // squares and products of 26-bit integers
                t.Check("sqrt", Math.Sqrt(s), Binary64.Sqrt(B(s)), s);
                var near = D((ulong)BitConverter.DoubleToInt64Bits(s) + (rng.Next() & 3) - 1);
                t.Check("sqrt", Math.Sqrt(near), Binary64.Sqrt(B(near)), near);
                var tiny = D(rng.Next() & 0x001FFFFFFFFFFFFFUL);                    // subnormals and the smallest normals
                t.Check("sqrt", Math.Sqrt(tiny), Binary64.Sqrt(B(tiny)), tiny);
            }
            foreach (var x in Edges) t.Check("sqrt", Math.Sqrt(x), Binary64.Sqrt(B(x)), x);
            t.AssertNone();
        }

        [Test]
        public void ConversionsFloorAndComparisonsAreTheHardwares()
        {
            var t = new Tally();
            var wrong = 0;
            var first = "";
            void Expect(bool ok, string what) { if (!ok && wrong++ < 5) first += "\n" + what; }
            var rng = new Xoshiro256(5);
            for (var i = 0; i < 2 * Draws; i++)
            {
                var x = D(rng.Next());
                var near1 = D((rng.Next() & 0x800FFFFFFFFFFFFFUL) | (ulong)(1023 + (long)(rng.Next() % 180) - 90) << 52);
                var f = BitConverter.Int32BitsToSingle((int)rng.Next());
                foreach (var d in new[] { x, near1, (double)f })
                {
                    var single = (float)d;
                    Expect(BitConverter.SingleToInt32Bits(single) == BitConverter.SingleToInt32Bits(B(d).ToSingle()) || (float.IsNaN(single) && float.IsNaN(B(d).ToSingle())), $"(float){Hex(d)}");
                    t.Check("floor", Math.Floor(d), Binary64.Floor(B(d)), d);
                    if (Math.Abs(d) < 9e18) Expect((long)d == B(d).ToInt64Truncated(), $"(long){Hex(d)}");
                }
                t.Check("(double)float", f, Binary64.FromSingle(f), f);
                var n = (long)rng.Next() >> (int)(rng.Next() % 64);
                t.Check("(double)long", n, Binary64.FromInt(n), n);
                var y = (rng.Next() & 7) == 0 ? x : near1;
                Expect((x < y) == (B(x) < B(y)) && (x <= y) == (B(x) <= B(y)) && (x > y) == (B(x) > B(y)) && (x >= y) == (B(x) >= B(y)) && (x == y) == (B(x) == B(y)), $"compare {Hex(x)}, {Hex(y)}");
            }
            foreach (var a in Edges)
            {
                t.Check("floor", Math.Floor(a), Binary64.Floor(B(a)), a);
                foreach (var b in Edges) Expect((a < b) == (B(a) < B(b)) && (a == b) == (B(a) == B(b)) && (a >= b) == (B(a) >= B(b)), $"compare {Hex(a)}, {Hex(b)}");
            }
            t.AssertNone();
            Assert.That(wrong, Is.EqualTo(0), first);
        }

        [Test]
        public void RoundingToFloatBreaksTiesToEven()
        {
            var rng = new Xoshiro256(6);
            var wrong = 0;
            var first = "";
            for (var i = 0; i < Draws; i++)
            {
                var f = BitConverter.Int32BitsToSingle((int)(rng.Next() & 0xFFFFFFFFUL));
                if (float.IsNaN(f) || float.IsInfinity(f)) continue;
                var bits = (ulong)BitConverter.DoubleToInt64Bits(f);
                // Exactly half a float step above f (29 dropped bits: 1 then zeros), a little more, a little less.
                var below = (long)(rng.Next() % 0x10000000UL);
                foreach (var d in new[] { D(bits | 1UL << 28), D(bits | 1UL << 28 | 1), D(bits | (ulong)below) })
                {
                    var expected = BitConverter.SingleToInt32Bits((float)d);
                    var actual = BitConverter.SingleToInt32Bits(B(d).ToSingle());
                    if (expected != actual && wrong++ < 5) first += $"\n(float){Hex(d)} = {expected:X8}, Binary64 gave {actual:X8}";
                }
            }
            Assert.That(wrong, Is.EqualTo(0), first);
        }

        [Test]
        public void FloatArithmeticIsTheHardwares()
        {
            var rng = new Xoshiro256(7);
            var wrong = 0;
            var first = "";
            void Check(string op, float expected, float actual, float a, float b)
            {
                if (BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual) || (float.IsNaN(expected) && float.IsNaN(actual))) return;
                if (wrong++ < 5) first += $"\n{op}({a:R}, {b:R}) = {expected:R}, Binary32 gave {actual:R}";
            }
            for (var i = 0; i < Draws; i++)
            {
                var a = BitConverter.Int32BitsToSingle((int)(rng.Next() & 0xFFFFFFFFUL));
                var near = (uint)BitConverter.SingleToInt32Bits(a) & 0x807FFFFFu | (uint)Math.Max(0, Math.Min(254, (int)(((uint)BitConverter.SingleToInt32Bits(a) >> 23) & 0xFF) + (int)(rng.Next() % 61) - 30)) << 23;
                var b = (rng.Next() & 1) == 0 ? BitConverter.Int32BitsToSingle((int)(rng.Next() & 0xFFFFFFFFUL)) : BitConverter.Int32BitsToSingle((int)(near ^ (uint)(rng.Next() & 0xFFF)));
                Check("add", a + b, Binary32.Add(a, b), a, b);
                Check("sub", a - b, Binary32.Subtract(a, b), a, b);
                Check("mul", a * b, Binary32.Multiply(a, b), a, b);
                Check("div", a / b, Binary32.Divide(a, b), a, b);
                var n = (int)rng.Next() >> (int)(rng.Next() % 32);
                Check("(float)int", n, Binary32.FromInt(n), n, 0);
            }
            Assert.That(wrong, Is.EqualTo(0), first);
        }

        [Test]
        public void ScaledIntegersAreExact()
        {
            Assert.That(Binary64.Scaled(3, -1).ToDouble(), Is.EqualTo(1.5));
            Assert.That(Binary64.Scaled((1UL << 53) - 1, -53).ToDouble(), Is.EqualTo(((1UL << 53) - 1) * (1.0 / 9007199254740992.0)));
            Assert.That(Binary64.Scaled(1, -1074).ToDouble(), Is.EqualTo(double.Epsilon));
            Assert.That(Binary64.Scaled(0, 5).IsZero, Is.True);
        }
    }
}
