using System;
using Wasserforge.Torch;

namespace Wasserforge.Torch.Tests
{
    /// <summary>Compares autograd gradients with central finite differences in float64.</summary>
    static class GradCheck
    {
        /// <summary>Max |analytic − numeric| over every element of <paramref name="input"/> for the scalar function <paramref name="f"/>.</summary>
        public static double MaxError(Func<Tensor, Tensor> f, Tensor input, double h = 1e-6)
        {
            using var scope = torch.NewDisposeScope();
            var x = input.detach().clone().requires_grad_();
            var y = f(x);
            y.backward();
            var analytic = x.grad.data<double>();
            var values = input.data<double>();
            var shape = input.shape;
            double worst = 0;
            for (var i = 0; i < values.Length; i++)
            {
                var plus = (double[])values.Clone();
                var minus = (double[])values.Clone();
                plus[i] += h;
                minus[i] -= h;
                // Evaluated with grad mode on: f may itself differentiate (the gradient penalty does).
                var fp = f(torch.tensor(plus, shape)).item();
                var fm = f(torch.tensor(minus, shape)).item();
                var numeric = (fp - fm) / (2 * h);
                worst = Math.Max(worst, Math.Abs(numeric - analytic[i]) / Math.Max(1, Math.Abs(numeric)));
            }
            return worst;
        }

        public static Tensor Randn(ulong seed, params long[] shape)
        {
            using var g = new Generator(seed);
            return torch.randn(shape, g, ScalarType.Float64);
        }
    }
}
