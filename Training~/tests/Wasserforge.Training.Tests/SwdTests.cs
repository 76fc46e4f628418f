using System;
using System.Linq;
using NUnit.Framework;
using Wasserforge.Latent;
using Wasserforge.Training.Data;
using Wasserforge.Training.Metrics;

namespace Wasserforge.Training.Tests
{
    public class SwdTests
    {
        static float[] Images(ImageDataset d, int from, int count) =>
            Enumerable.Range(from, count).SelectMany(i => d.Image(i).ToArray()).ToArray();

        [Test]
        public void SameDistributionIsCloseAndDegradationIsMonotone()
        {
            var set = ProceduralTextures.Create(96, 32, 5);
            var a = Images(set, 0, 48);
            var b = Images(set, 48, 48);
            var same = SlicedWasserstein.Compute(a, b, 48, 3, 32);
            Assert.That(same.Resolutions, Is.EqualTo(new[] { 32, 16 }));
            var previous = same.Average;
            SwdResult worst = null;
            foreach (var noise in new[] { 0.1f, 0.3f, 0.9f })
            {
                var rng = new Xoshiro256(3);
                var noisy = b.Select(v => v + noise * (float)rng.NextGaussian()).ToArray();
                var r = SlicedWasserstein.Compute(a, noisy, 48, 3, 32);
                Assert.That(r.Average, Is.GreaterThan(previous), $"noise {noise}: {r}");
                previous = r.Average;
                worst = r;
            }
            // Noise is a fine-scale degradation: the finest level, where it lives, moves most.
            Assert.That(worst.PerLevel[0], Is.GreaterThan(3 * same.PerLevel[0]), $"{worst} vs {same}");
        }

        /// <summary>3×3 box blur with wrap-around, per plane.</summary>
        static float[] Blur(float[] images, int planes, int s)
        {
            var o = new float[images.Length];
            for (var p = 0; p < planes; p++)
                for (var y = 0; y < s; y++)
                    for (var x = 0; x < s; x++)
                    {
                        float v = 0;
                        for (var dy = -1; dy <= 1; dy++)
                            for (var dx = -1; dx <= 1; dx++) v += images[(p * s + (y + dy + s) % s) * s + (x + dx + s) % s];
                        o[(p * s + y) * s + x] = v / 9;
                    }
            return o;
        }

        [Test]
        public void BlurShowsMostInTheFinestLevelAndGrowsWithRepeats()
        {
            var set = ProceduralTextures.Create(64, 32, 9);
            var a = Images(set, 0, 32);
            var b = Images(set, 32, 32);
            var r0 = SlicedWasserstein.Compute(a, b, 32, 3, 32);
            var once = Blur(b, 32 * 3, 32);
            var r1 = SlicedWasserstein.Compute(a, once, 32, 3, 32);
            var r2 = SlicedWasserstein.Compute(a, Blur(Blur(once, 32 * 3, 32), 32 * 3, 32), 32, 3, 32);
            Assert.That(r1.PerLevel[0] - r0.PerLevel[0], Is.GreaterThan(r1.PerLevel[1] - r0.PerLevel[1]), $"{r0} / {r1}");
            Assert.That(r1.Average, Is.GreaterThan(r0.Average));
            Assert.That(r2.Average, Is.GreaterThan(r1.Average));
        }

        [Test]
        public void AGlobalOffsetIsNormalisedAwayAsInProGan()
        {
            // Each set's descriptors are normalised with its own per-channel mean and std (ProGAN's finalize_descriptors).
            var set = ProceduralTextures.Create(64, 32, 9);
            var a = Images(set, 0, 32);
            var b = Images(set, 32, 32);
            var r0 = SlicedWasserstein.Compute(a, b, 32, 3, 32);
            var r1 = SlicedWasserstein.Compute(a, b.Select(v => v * 0.5f + 0.3f).ToArray(), 32, 3, 32);
            for (var l = 0; l < r0.PerLevel.Length; l++) Assert.That(r1.PerLevel[l], Is.EqualTo(r0.PerLevel[l]).Within(1e-2 * r0.PerLevel[l]));
        }

        [Test]
        public void ResultsAreReproducibleAndLevelsReachDownTo16Px()
        {
            var set = ProceduralTextures.Create(16, 64, 2);
            var a = Images(set, 0, 8);
            var b = Images(set, 8, 8);
            var r1 = SlicedWasserstein.Compute(a, b, 8, 3, 64, seed: 7);
            var r2 = SlicedWasserstein.Compute(a, b, 8, 3, 64, seed: 7);
            Assert.That(r1.Resolutions, Is.EqualTo(new[] { 64, 32, 16 }));
            Assert.That(r2.PerLevel, Is.EqualTo(r1.PerLevel));
            Assert.That(r1.Average, Is.EqualTo(r1.PerLevel.Average()).Within(1e-9));
        }

        [Test]
        public void MismatchedSetsThrow()
        {
            Assert.Throws<ArgumentException>(() => SlicedWasserstein.Compute(new float[10], new float[12], 1, 1, 4));
            Assert.Throws<ArgumentException>(() => SlicedWasserstein.Compute(new float[64], new float[64], 1, 1, 8));
            Assert.Throws<ArgumentException>(() => SlicedWasserstein.Compute(new float[24 * 24], new float[24 * 24], 1, 1, 24));
        }
    }
}
