using System;
using NUnit.Framework;
using Wasserforge.Latent;

namespace Wasserforge.Tests.Latent
{
    public class LatentTextTests
    {
        [Test]
        public void SeedFormRoundTrips()
        {
            Assert.That(LatentText.FormatSeed(42), Is.EqualTo("seed:42"));
            Assert.That(LatentText.Parse("seed:42", 16), Is.EqualTo(LatentSampler.Sample(42, 16)));
            var t = LatentText.Parse(LatentText.FormatSeed(42, 0.5f), 16);
            var z = LatentSampler.Sample(42, 16);
            LatentMath.Truncate(z, 0.5f);
            Assert.That(t, Is.EqualTo(z));
        }

        [Test]
        public void VectorFormIsExact()
        {
            var z = new[] { 1.5f, -0f, float.Epsilon, 3.14159274f, -1e30f };
            var text = LatentText.Format(z);
            Assert.That(text, Does.StartWith("wf1:"));
            var back = LatentText.Parse(text, 5);
            for (var i = 0; i < z.Length; i++)
                Assert.That(BitConverter.SingleToInt32Bits(back[i]), Is.EqualTo(BitConverter.SingleToInt32Bits(z[i])));
        }

        [TestCase("", "not a latent")]
        [TestCase("hello", "not a latent")]
        [TestCase("seed:-1", "whole number")]
        [TestCase("seed:12@x", "truncation")]
        [TestCase("seed:12@NaN", "truncation")]
        [TestCase("seed:12@-0.5", "truncation")]
        [TestCase("seed:", "whole number")]
        [TestCase("seed:18446744073709551616", "whole number")]
        [TestCase(null, "empty")]
        [TestCase("wf1:!!!", "base64")]
        [TestCase("wf1:AAAAAA==", "holds 1 values")]
        public void BadTextIsExplained(string text, string mentions)
        {
            var e = Assert.Throws<FormatException>(() => LatentText.Parse(text, 4));
            Assert.That(e.Message, Does.Contain(mentions));
        }

        [Test]
        public void LongTextIsShortenedInMessagesAndSeedsSurviveWhitespace()
        {
            var e = Assert.Throws<FormatException>(() => LatentText.Parse("wf1:" + new string('A', 400), 4));
            Assert.That(e.Message.Length, Is.LessThan(200));
            Assert.That(LatentText.Parse("  seed:18446744073709551615 ", 8), Is.EqualTo(LatentSampler.Sample(ulong.MaxValue, 8)));
            Assert.Throws<ArgumentOutOfRangeException>(() => LatentText.FormatSeed(1, -1f));
        }
    }
}
