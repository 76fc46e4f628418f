using System;
using NUnit.Framework;
using Wasserforge.Training.Metrics;

namespace Wasserforge.Training.Tests
{
    /// <summary>
    /// The WGAN papers' theory check: a critic trained to convergence between two distributions with a
    /// known Wasserstein-1 distance estimates it within 10%, while a standard GAN's discriminator loss
    /// saturates whatever the distance.
    /// </summary>
    public class CriticConvergenceTests
    {
        // Adam at 1e-3 (instead of WGAN-GP's 1e-4) so that 1,000 steps reach convergence.
        [TestCase(0.5)]
        [TestCase(1.5)]
        public void WganGpCriticEstimatesTheShiftBetweenTwoGaussians(double d)
        {
            var r = CriticConvergence.Train("wgan-gp", CriticConvergence.Gaussian1D(d), CriticConvergence.Gaussian1D(0), 1, 1000, lr: 1e-3);
            TestContext.Out.WriteLine($"W1 = {d}: estimate {r.Estimate:F4}");
            Assert.That(r.Estimate, Is.EqualTo(d).Within(0.1 * d), $"W1 = {d}");
        }

        [Test]
        public void FarApartTheSoftPenaltyOverestimatesByItsKnownBias()
        {
            // The penalty is soft: for a linear critic of slope s the objective d·s − λ(s − 1)² peaks at
            // s = 1 + d / 2λ, so the converged estimate is d(1 + d / 2λ): 3.45 for d = 3, λ = 10.
            var r = CriticConvergence.Train("wgan-gp", CriticConvergence.Gaussian1D(3), CriticConvergence.Gaussian1D(0), 1, 1000, lr: 1e-3);
            TestContext.Out.WriteLine($"W1 = 3: estimate {r.Estimate:F4} (predicted 3.45)");
            Assert.That(r.Estimate, Is.EqualTo(3 * (1 + 3 / 20.0)).Within(0.05 * 3.45), "and clearly above W1 = 3");
        }

        [Test]
        public void OnParallelLinesTheWganEstimateFollowsThetaWhileTheStandardGanSaturates()
        {
            var wgan = new double[2];
            var gan = new double[2];
            var thetas = new[] { 0.5, 1.0 };
            for (var i = 0; i < thetas.Length; i++)
            {
                var p = CriticConvergence.ParallelLine(thetas[i]);
                var q = CriticConvergence.ParallelLine(0);
                wgan[i] = CriticConvergence.Train("wgan-gp", p, q, 2, 1000, lr: 1e-3).Estimate;
                gan[i] = CriticConvergence.Train("nsgan", p, q, 2, 1000, lr: 1e-3).CriticLoss;
                TestContext.Out.WriteLine($"parallel lines θ = {thetas[i]}: WGAN-GP estimate {wgan[i]:F4}, standard GAN discriminator loss {gan[i]:F5}");
                Assert.That(wgan[i], Is.EqualTo(thetas[i]).Within(0.1 * thetas[i]), $"WGAN-GP estimate at θ = {thetas[i]}");
                // Perfectly separated: the BCE loss is near 0 (log 4 ≈ 1.39 when the lines coincide), i.e.
                // the Jensen–Shannon estimate log 2 − loss / 2 is saturated at log 2.
                Assert.That(gan[i], Is.LessThan(0.05), $"standard GAN discriminator loss at θ = {thetas[i]}");
            }
            Assert.That(wgan[1] / wgan[0], Is.EqualTo(2.0).Within(0.3), "the Wasserstein estimate doubles with the distance");
            Assert.That(Math.Abs(gan[1] - gan[0]), Is.LessThan(0.05), "the saturated GAN loss does not tell 0.5 from 1");
        }
    }
}
