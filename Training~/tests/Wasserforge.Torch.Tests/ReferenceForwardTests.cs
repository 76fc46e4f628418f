using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using NUnit.Framework;
using Wasserforge.Torch;
using F = Wasserforge.Torch.torch.nn.functional;

namespace Wasserforge.Torch.Tests
{
    /// <summary>Forward values of network functions (and the gradient-penalty double backward) against PyTorch (reference/nn_forward.py), float64.</summary>
    public class ReferenceForwardTests
    {
        const double Tolerance = 1e-10;
        static JsonElement s_cases;
        DisposeScope _scope;

        [OneTimeSetUp]
        public void Load() => s_cases = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "nn_forward.json"))).RootElement.GetProperty("cases");
        [SetUp] public void Open() => _scope = torch.NewDisposeScope();
        [TearDown] public void Close() => _scope.Dispose();

        /// <summary>Element i is 0.8·sin(0.37·i + salt), as in nn_forward.py.</summary>
        static Tensor Fill(double salt, params long[] shape)
        {
            var n = shape.Aggregate(1L, (a, b) => a * b);
            var v = new double[n];
            for (var i = 0; i < n; i++) v[i] = 0.8 * Math.Sin(0.37 * i + salt);
            return torch.tensor(v, shape);
        }

        static void Expect(string name, Tensor actual)
        {
            var c = s_cases.GetProperty(name);
            Assert.That(actual.shape, Is.EqualTo(c.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray()), name + " shape");
            var want = c.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.That(actual.data<double>(), Is.EqualTo(want).Within(Tolerance), name);
        }

        static Tensor X => Fill(0.0, 2, 3, 6, 6);
        static Tensor W => Fill(1.0, 4, 3, 3, 3);
        static Tensor B => Fill(2.0, 4);

        [Test] public void Conv2dZeroPadding() => Expect("conv2d_zeros", F.conv2d(X, W, B, 1, 1));
        [Test] public void Conv2dStride2() => Expect("conv2d_stride2", F.conv2d(X, W, B, 2, 1));
        [Test] public void Conv2dCircular() => Expect("conv2d_circular", F.conv2d(X, W, B, 1, 1, padding_mode: PaddingModes.Circular));
        [Test] public void Conv2dReflect() => Expect("conv2d_reflect", F.conv2d(X, W, B, 1, 1, padding_mode: PaddingModes.Reflect));
        [Test] public void ConvTranspose2dWithOutputPadding() => Expect("conv_transpose2d", F.conv_transpose2d(X, Fill(3.0, 3, 2, 5, 5), Fill(4.0, 2), 2, 2, 1));
        [Test] public void InterpolateNearest() => Expect("upsample_nearest", F.interpolate(X, 2));
        [Test] public void PadConstant() => Expect("pad_constant", F.pad(X, new long[] { 1, 2, 0, 1 }, PaddingModes.Zeros, 0.5));
        [Test] public void PadReflect() => Expect("pad_reflect", F.pad(X, new long[] { 1, 2, 2, 1 }, PaddingModes.Reflect));
        [Test] public void PadReplicate() => Expect("pad_replicate", F.pad(X, new long[] { 1, 2, 2, 1 }, PaddingModes.Replicate));
        [Test] public void PadCircular() => Expect("pad_circular", F.pad(X, new long[] { 1, 2, 2, 1 }, PaddingModes.Circular));
        [Test] public void LayerNorm() => Expect("layer_norm", F.layer_norm(X, new long[] { 3, 6, 6 }, Fill(5.0, 3, 6, 6), Fill(6.0, 3, 6, 6)));
        [Test] public void GroupNorm() => Expect("group_norm", F.group_norm(Fill(7.0, 2, 4, 3, 3), 2, Fill(8.0, 4), Fill(9.0, 4)));
        [Test] public void InstanceNorm() => Expect("instance_norm", F.instance_norm(X));
        [Test] public void LeakyRelu() => Expect("leaky_relu", F.leaky_relu(X, 0.2));
        [Test] public void Elu() => Expect("elu", F.elu(X, 0.7));
        [Test] public void Softplus() => Expect("softplus", F.softplus(X * 5.0, 2.0, 3.0));
        [Test] public void Linear() => Expect("linear", F.linear(Fill(10.0, 5, 7), Fill(11.0, 3, 7), Fill(12.0, 3)));

        [Test]
        public void BatchNormTrainingUpdatesRunningStatistics()
        {
            var rm = torch.zeros(new long[] { 3 }, ScalarType.Float64);
            var rv = torch.ones(new long[] { 3 }, ScalarType.Float64);
            Expect("batch_norm_train", F.batch_norm(X, rm, rv, Fill(13.0, 3), Fill(14.0, 3), training: true, momentum: 0.1, eps: 1e-5));
            Expect("batch_norm_running_mean", rm);
            Expect("batch_norm_running_var", rv);
        }

        [Test]
        public void GradientPenaltyDoubleBackwardMatchesPyTorch()
        {
            var w1 = Fill(15.0, 4, 3, 3, 3).requires_grad_();
            var b1 = Fill(16.0, 4).requires_grad_();
            var w2 = Fill(17.0, 1, 36).requires_grad_();
            var real = Fill(18.0, 2, 3, 6, 6);
            var fake = Fill(19.0, 2, 3, 6, 6);
            var eps = (Fill(20.0, 2, 1, 1, 1) + 1.0) / 2.0;
            var xi = (real * eps + fake * (1.0 - eps)).detach().requires_grad_();
            var h = F.leaky_relu(F.layer_norm(F.conv2d(xi, w1, b1, 2, 1), new long[] { 4, 3, 3 }), 0.2);
            var d = F.linear(h.flatten(1), w2);
            var g = torch.autograd.grad(new[] { d.sum() }, new[] { xi }, create_graph: true)[0];
            var gp = (g.reshape(2, -1).norm(new long[] { 1 }) - 1.0).pow(2).mean();
            Expect("gp_value", gp);
            var grads = torch.autograd.grad(new[] { gp }, new[] { w1, b1, w2 });
            Expect("gp_grad_w1", grads[0]);
            Expect("gp_grad_b1", grads[1]);
            Expect("gp_grad_w2", grads[2]);
        }
    }
}
