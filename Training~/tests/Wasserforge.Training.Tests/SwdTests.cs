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
            foreach (var noise in new[] { 0.1f, 0.3f, 0.9f })
            {
                var rng = new Xoshiro256(3);
                var noisy = b.Select(v => v + noise * (float)rng.NextGaussian()).ToArray();
                var r = SlicedWasserstein.Compute(a, noisy, 48, 3, 32);
                Assert.That(r.Average, Is.GreaterThan(previous), $"noise {noise}: {r}");
                previous = r.Average;
            }
            Assert.That(previous, Is.GreaterThan(3 * same.Average));
        }

        [Test]
        public void CoarseDifferencesShowInTheCoarseLevel()
        {
            var set = ProceduralTextures.Create(64, 32, 9);
            var a = Images(set, 0, 32);
            var b = Images(set, 32, 32);
            var shifted = b.Select(v => v + 0.5f).ToArray();      // a global colour change: low frequency
            var r0 = SlicedWasserstein.Compute(a, b, 32, 3, 32);
            var r1 = SlicedWasserstein.Compute(a, shifted, 32, 3, 32);
            Assert.That(r1.PerLevel[1] - r0.PerLevel[1], Is.GreaterThan(r1.PerLevel[0] - r0.PerLevel[0]));
        }

        [Test]
        public void MismatchedSetsThrow()
        {
            Assert.Throws<ArgumentException>(() => SlicedWasserstein.Compute(new float[10], new float[12], 1, 1, 4));
            Assert.Throws<ArgumentException>(() => SlicedWasserstein.Compute(new float[64], new float[64], 1, 1, 8));
        }
    }
}
