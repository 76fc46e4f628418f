using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using TorchSharp.Modules;
using Wasserforge.Training.Engine;
using Wasserforge.Training.Models;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Wasserforge.Training.Tests
{
    /// <summary><see cref="GeneratorAverage"/> against the closed form of an exponential moving average with its warm-up.</summary>
    public class GeneratorAverageTests
    {
        static Sequential Tiny() => Sequential(Linear(3, 2), BatchNorm1d(2));

        static float[] Weights(Sequential m) => m.parameters().SelectMany(p => p.detach().data<float>().ToArray()).ToArray();

        [TestCase(0.999, 12)]
        [TestCase(0.5, 20)]
        public void TheAverageIsTheClosedFormWeightedSumOfEveryStepsWeights(double decay, int steps)
        {
            manual_seed(4);
            using var source = Tiny();
            using var average = new GeneratorAverage(Tiny(), decay);
            average.Reset(source);
            var history = new List<float[]> { Weights(source) };
            using var gen = new Generator(11);
            for (var t = 1; t <= steps; t++)
            {
                using (no_grad())
                    foreach (var p in source.parameters()) p.copy_(randn(p.shape, generator: gen));
                history.Add(Weights(source));
                average.Update(source, t);
            }
            // a_T = Π_{t=1..T} d_t · w_0 + Σ_t (1 − d_t) Π_{s=t+1..T} d_s · w_t, d_t = min(decay, (1 + t) / (10 + t)).
            var expected = new double[history[0].Length];
            for (var t = 0; t <= steps; t++)
            {
                var weight = t == 0 ? 1.0 : 1 - GeneratorAverage.DecayAt(decay, t);
                for (var s = t + 1; s <= steps; s++) weight *= GeneratorAverage.DecayAt(decay, s);
                for (var i = 0; i < expected.Length; i++) expected[i] += weight * history[t][i];
            }
            Assert.That(Weights(average.Average), Is.EqualTo(expected.Select(v => (float)v).ToArray()).Within(1e-5f));
            Assert.That(Weights(average.Average), Is.Not.EqualTo(history[steps]).Within(1e-3f), "an average, not the last weights");
        }

        [Test]
        public void TheWarmUpKeepsTheDecayBelowTheStepCount()
        {
            Assert.That(GeneratorAverage.DecayAt(0.999, 1), Is.EqualTo(2.0 / 11).Within(1e-12));
            Assert.That(GeneratorAverage.DecayAt(0.999, 1000), Is.EqualTo(1001.0 / 1010).Within(1e-12));
            Assert.That(GeneratorAverage.DecayAt(0.999, 100_000), Is.EqualTo(0.999));
        }

        [Test]
        public void BatchNormStatisticsAreCopiedNotAveraged()
        {
            manual_seed(2);
            using var source = Tiny();
            using var average = new GeneratorAverage(Tiny(), 0.9);
            average.Reset(source);
            using (no_grad())
            using (var s = new ScalarScope())
                source.forward(randn(16, 3).mul(s.Of(3.0)).Plus(s.Of(2.0)));   // moves the running statistics
            average.Update(source, 50);
            var mine = average.Average.buffers().Select(b => b.to(ScalarType.Float64).data<double>().ToArray()).ToList();
            var theirs = source.buffers().Select(b => b.to(ScalarType.Float64).data<double>().ToArray()).ToList();
            Assert.That(mine, Is.EqualTo(theirs));
        }

        [Test]
        public void ADecayOutsideZeroToOneIsRefused()
        {
            using var m = Tiny();
            Assert.That(() => new GeneratorAverage(m, 1.0), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => new GeneratorAverage(m, 0.0), Throws.TypeOf<ArgumentOutOfRangeException>());
        }

        /// <summary>
        /// Recomputed statistics are those of the averaged weights' own activations: the running mean is the mean of the
        /// norm's input over all the latents it ran, and the running variance the mean of the batches' unbiased variances.
        /// The generator is left in evaluation mode, and the same weights give the same statistics every time.
        /// </summary>
        [Test]
        public void RecomputedNormStatisticsAreTheAveragedWeightsOwn()
        {
            manual_seed(5);
            using var g = Sequential(Linear(3, 2), HeldScalarBatchNorm.Features(2));
            var norm = (BatchNorm)g[1];
            using (no_grad())
            using (var s = new ScalarScope()) { norm.running_mean.fill_(s.Of(7)); norm.running_var.fill_(s.Of(9)); }   // statistics of other weights
            GeneratorAverage.RecomputeNorms(g, 3, CPU);
            Assert.That(g.training, Is.False, "left in evaluation mode");
            var first = norm.running_mean.data<float>().ToArray();
            // The same latents, drawn again: the linear layer's outputs, batch by batch.
            using var noise = new Generator(GeneratorAverage.NormSeed);
            var means = new List<float[]>();
            var variances = new List<float[]>();
            for (var b = 0; b < GeneratorAverage.NormBatches; b++)
            {
                using var z = Engine.CpuRandom.Randn(noise, new long[] { GeneratorAverage.NormBatchSize, 3 }, CPU);
                using var h = ((Linear)g[0]).forward(z);
                means.Add(h.mean(new long[] { 0 }).data<float>().ToArray());
                variances.Add(h.var(0).data<float>().ToArray());
            }
            for (var c = 0; c < 2; c++)
            {
                Assert.That(first[c], Is.EqualTo(means.Average(m => m[c])).Within(1e-5), $"running mean of channel {c}");
                Assert.That(norm.running_var.data<float>()[c], Is.EqualTo(variances.Average(v => v[c])).Within(1e-4), $"running variance of channel {c}");
            }
            GeneratorAverage.RecomputeNorms(g, 3, CPU);
            Assert.That(norm.running_mean.data<float>().ToArray(), Is.EqualTo(first), "the same weights give the same statistics");
        }
    }
}