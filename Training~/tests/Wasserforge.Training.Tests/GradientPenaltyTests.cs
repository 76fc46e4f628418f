using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using NUnit.Framework;
using TorchSharp;
using TorchSharp.Modules;
using Wasserforge.Training.Config;
using Wasserforge.Training.Engine;
using Wasserforge.Training.Losses;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Wasserforge.Training.Tests
{
    /// <summary>The WGAN-GP critic loss needs the gradient of a gradient (double backward): checked in float64.</summary>
    public class GradientPenaltyTests
    {
        static Tensor Randn(ulong seed, params long[] shape)
        {
            using var g = new Generator(seed);
            return randn(shape, dtype: ScalarType.Float64, generator: g);
        }

        /// <summary>The trainer's wgan-gp critic loss, with the interpolation weights drawn from a generator seeded the same every time.</summary>
        static Tensor CriticLoss(GanLoss loss, Sequential critic, Tensor real, Tensor fake)
        {
            using var noise = new Generator(7);
            return loss.Critic(critic, real, fake, noise).Loss;
        }

        [Test]
        public void TheTrainersCriticLossGradientMatchesFiniteDifferences()
        {
            using var scope = NewDisposeScope();
            var loss = GanLoss.Create(new LossConfig { Kind = "wgan-gp", GpLambda = 10 });
            manual_seed(3);
            // Smooth activations, so central differences are exact to O(h²) everywhere.
            using var critic = nn.Sequential(nn.Linear(3, 5), nn.Tanh(), nn.Linear(5, 4), nn.Tanh(), nn.Linear(4, 1)).to(ScalarType.Float64);
            var real = Randn(1, 6, 3);
            var fake = Randn(2, 6, 3);
            var analytic = CriticLoss(loss, critic, real, fake);
            critic.zero_grad();
            analytic.backward();
            var parameters = critic.parameters().ToArray();
            const double h = 1e-6;
            double worst = 0;
            var checkedCount = 0;
            foreach (var p in parameters)
            {
                var grad = p.grad.data<double>().ToArray();
                var flat = p.detach().reshape(-1);
                for (var i = 0; i < flat.shape[0]; i++)
                {
                    double At(double delta)
                    {
                        using var s = new ScalarScope();
                        using (no_grad()) flat[i].add_(s.Of(delta), HeldScalars.One);
                        var v = CriticLoss(loss, critic, real, fake).item<double>();
                        using (no_grad()) flat[i].add_(s.Of(-delta), HeldScalars.One);
                        return v;
                    }
                    var numeric = (At(h) - At(-h)) / (2 * h);
                    worst = Math.Max(worst, Math.Abs(numeric - grad[i]) / Math.Max(1, Math.Abs(numeric)));
                    checkedCount++;
                }
            }
            Assert.That(checkedCount, Is.EqualTo(3 * 5 + 5 + 5 * 4 + 4 + 4 + 1));
            Assert.That(worst, Is.LessThan(1e-6), "relative error of d(critic loss)/d(weights), penalty included");
        }

        static JsonElement s_cases;

        [OneTimeSetUp]
        public void LoadReference() =>
            s_cases = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "nn_forward.json"))).RootElement.GetProperty("cases");

        /// <summary>Element i is 0.8·sin(0.37·i + salt), as in reference/nn_forward.py.</summary>
        static Tensor Fill(double salt, params long[] shape)
        {
            var n = shape.Aggregate(1L, (a, b) => a * b);
            var v = new double[n];
            for (var i = 0; i < n; i++) v[i] = 0.8 * Math.Sin(0.37 * i + salt);
            return tensor(v, shape);
        }

        static void Expect(string name, Tensor actual)
        {
            var c = s_cases.GetProperty(name);
            Assert.That(actual.shape, Is.EqualTo(c.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray()), name + " shape");
            var want = c.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.That(actual.data<double>().ToArray(), Is.EqualTo(want).Within(1e-10), name);
        }

        [Test]
        public void DoubleBackwardThroughConvLayerNormLeakyReluMatchesPyTorch()
        {
            using var scope = NewDisposeScope();
            var w1 = Fill(15.0, 4, 3, 3, 3).requires_grad_();
            var b1 = Fill(16.0, 4).requires_grad_();
            var w2 = Fill(17.0, 1, 36).requires_grad_();
            var real = Fill(18.0, 2, 3, 6, 6);
            var fake = Fill(19.0, 2, 3, 6, 6);
            using var s = new ScalarScope();
            var eps = Fill(20.0, 2, 1, 1, 1).Plus(s.Of(1.0)).div(s.Of(2.0));
            var xi = (real * eps).Plus(fake * eps.negative().Plus(s.Of(1.0))).detach().requires_grad_();
            var h = F.leaky_relu(F.layer_norm(F.conv2d(xi, w1, b1, strides: new long[] { 2, 2 }, padding: new long[] { 1, 1 }), new long[] { 4, 3, 3 }), 0.2);
            var d = F.linear(h.flatten(1), w2);
            var g = autograd.grad(new[] { d.sum() }, new[] { xi }, create_graph: true, retain_graph: true)[0];
            var gp = g.reshape(2, -1).norm(1).sub(s.Of(1.0)).Square().mean();
            Expect("gp_value", gp);
            var grads = autograd.grad(new[] { gp }, new[] { w1, b1, w2 });
            Expect("gp_grad_w1", grads[0]);
            Expect("gp_grad_b1", grads[1]);
            Expect("gp_grad_w2", grads[2]);
        }

        /// <summary><c>loss.gp_every</c> N: the penalty on updates 0, N, 2N, … only, weighted N·λ; the other updates are the plain Wasserstein loss.</summary>
        [Test]
        public void ALazyPenaltyComesEveryNthUpdateWeightedByN()
        {
            using var scope = NewDisposeScope();
            var every = GanLoss.Create(new LossConfig { Kind = "wgan-gp", GpLambda = 10, GpEvery = 1 });
            var lazy = GanLoss.Create(new LossConfig { Kind = "wgan-gp", GpLambda = 10, GpEvery = 4 });
            manual_seed(3);
            using var critic = nn.Sequential(nn.Linear(3, 5), nn.Tanh(), nn.Linear(5, 1)).to(ScalarType.Float64);
            var real = Randn(1, 6, 3);
            var fake = Randn(2, 6, 3);
            for (var update = 0L; update < 9; update++)
            {
                using var n1 = new Generator(7);
                using var n2 = new Generator(7);
                var full = every.Critic(critic, real, fake, n1, update);
                var t = lazy.Critic(critic, real, fake, n2, update);
                var distance = -full.Wasserstein.item<double>();
                if (update % 4 == 0)
                {
                    Assert.That(t.Penalty.item<double>(), Is.EqualTo(full.Penalty.item<double>()), $"update {update}: the same penalty");
                    Assert.That(full.Penalty.item<double>(), Is.GreaterThan(0));
                    Assert.That(t.Loss.item<double>(), Is.EqualTo(distance + 40 * full.Penalty.item<double>()).Within(1e-12), $"update {update}: weighted 4 x 10");
                }
                else
                {
                    Assert.That(t.Penalty, Is.Null, $"update {update}: no penalty");
                    Assert.That(t.Loss.item<double>(), Is.EqualTo(distance).Within(1e-15), $"update {update}: the Wasserstein loss alone");
                }
            }
        }
    }
}