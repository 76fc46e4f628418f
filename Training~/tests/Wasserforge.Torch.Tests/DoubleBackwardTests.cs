using System;
using NUnit.Framework;
using Wasserforge.Torch;
using F = Wasserforge.Torch.torch.nn.functional;

namespace Wasserforge.Torch.Tests
{
    /// <summary>The WGAN-GP penalty needs the gradient of a gradient: check it against finite differences.</summary>
    public class DoubleBackwardTests
    {
        // Critic: D(x) = w2 · leaky_relu(W1 x + b1); penalty = mean over samples of (‖∇ₓD(x)‖₂ − 1)².
        static Tensor Penalty(Tensor w1, Tensor b1, Tensor w2, Tensor x)
        {
            var xi = x.detach().requires_grad_();
            var d = F.linear(F.linear(xi, w1, b1).tanh(), w2);
            var g = torch.autograd.grad(new[] { d.sum() }, new[] { xi }, create_graph: true)[0];
            return (g.norm(new long[] { 1 }) - 1.0).square().mean();
        }

        [Test]
        public void PenaltyGradientWithRespectToCriticWeightsMatchesFiniteDifferences()
        {
            using var scope = torch.NewDisposeScope();
            var b1 = GradCheck.Randn(2, 5);
            var w2 = GradCheck.Randn(3, 1, 5);
            var x = GradCheck.Randn(4, 6, 3);
            var error = GradCheck.MaxError(w1 => Penalty(w1, b1, w2, x), GradCheck.Randn(1, 5, 3));
            Assert.That(error, Is.LessThan(1e-5));
            var w1c = GradCheck.Randn(1, 5, 3);
            Assert.That(GradCheck.MaxError(w => Penalty(w1c, b1, w, x), w2), Is.LessThan(1e-5));
        }

        [Test]
        public void GradOfAnUnusedInputIsNull()
        {
            using var scope = torch.NewDisposeScope();
            var a = GradCheck.Randn(1, 3).requires_grad_();
            var b = GradCheck.Randn(2, 3).requires_grad_();
            var g = torch.autograd.grad(new[] { (a * 2.0).sum() }, new[] { a, b });
            Assert.That(g[0].data<double>(), Is.EqualTo(new double[] { 2, 2, 2 }));
            Assert.That(g[1], Is.Null);
        }
    }
}
