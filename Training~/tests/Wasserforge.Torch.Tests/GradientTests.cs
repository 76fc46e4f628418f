using System;
using NUnit.Framework;
using Wasserforge.Torch;
using F = Wasserforge.Torch.torch.nn.functional;

namespace Wasserforge.Torch.Tests
{
    /// <summary>Every op with a backward, against central finite differences in float64.</summary>
    public class GradientTests
    {
        DisposeScope _scope;
        [SetUp] public void Open() => _scope = torch.NewDisposeScope();
        [TearDown] public void Close() => _scope.Dispose();

        static Tensor R(ulong seed, params long[] shape) => GradCheck.Randn(seed, shape);

        static void Check(Func<Tensor, Tensor> f, Tensor x, double tolerance = 1e-5) =>
            Assert.That(GradCheck.MaxError(f, x), Is.LessThan(tolerance));

        [Test] public void Add() { var c = R(2, 3, 4); Check(x => (x + c).square().sum(), R(1, 3, 4)); }
        [Test] public void Sub() { var c = R(2, 3, 4); Check(x => (c - x).square().sum(), R(1, 3, 4)); }
        [Test] public void Mul() { var c = R(2, 3, 4); Check(x => (x * c * x).sum(), R(1, 3, 4)); }
        [Test] public void Div() { var c = R(2, 3, 4); Check(x => (c / (x.square() + 1.0)).sum(), R(1, 3, 4)); }
        [Test] public void ScalarOps() => Check(x => ((x * 3.0 + 1.0) / 2.0 - x).square().sum(), R(1, 5));
        [Test] public void Pow() => Check(x => (x.square() + 0.5).pow(1.5).sum(), R(1, 6));
        [Test] public void Exp() => Check(x => x.exp().sum(), R(1, 6));
        [Test] public void Log() => Check(x => (x.square() + 0.1).log().sum(), R(1, 6));
        [Test] public void Sqrt() => Check(x => (x.square() + 0.1).sqrt().sum(), R(1, 6));
        [Test] public void Abs() => Check(x => (x.abs() * x).sum(), R(1, 6));
        [Test] public void Tanh() => Check(x => (x.tanh() * x).sum(), R(1, 6));
        [Test] public void Sigmoid() => Check(x => (x.sigmoid() * x).sum(), R(1, 6));
        [Test] public void Relu() => Check(x => (x.relu() * x).sum(), R(3, 6));
        [Test] public void LeakyRelu() => Check(x => (x.leaky_relu(0.2) * x).sum(), R(3, 6));
        [Test] public void Softplus() => Check(x => (x.softplus() * x).sum(), R(1, 6));
        [Test] public void Elu() => Check(x => (x.elu() * x).sum(), R(1, 6));
        [Test] public void LogSigmoid() => Check(x => x.log_sigmoid().sum(), R(1, 6));
        [Test] public void Clamp() => Check(x => (x.clamp(-0.5, 0.5) * x).sum(), R(4, 8));
        [Test] public void Mean() => Check(x => x.square().mean(new long[] { 1 }).sum(), R(1, 3, 4));
        [Test] public void Norm() => Check(x => x.norm(new long[] { 1 }).sum(), R(1, 3, 4));
        [Test] public void Matmul() { var w = R(2, 4, 5); Check(x => x.matmul(w).tanh().sum(), R(1, 3, 4)); }
        [Test] public void Linear() { var w = R(2, 5, 4); var b = R(3, 5); Check(x => F.linear(x, w, b).tanh().sum(), R(1, 3, 4)); }
        [Test] public void LinearWeight() { var x = R(1, 3, 4); var b = R(3, 5); Check(w => F.linear(x, w, b).tanh().sum(), R(2, 5, 4)); }
        [Test] public void ReshapePermuteTranspose() => Check(x => x.reshape(2, 6).permute(1, 0).transpose(0, 1).square().sum(new long[] { 0 }).tanh().sum(), R(1, 3, 4));
        [Test] public void CatNarrowFlip() => Check(x => torch.cat(new[] { x, x.narrow(1, 1, 2).flip(1) }, 1).tanh().square().sum(), R(1, 3, 4));
        [Test] public void IndexSelect() { var idx = torch.tensor(new long[] { 2, 0, 2 }, new long[] { 3 }); Check(x => x.index_select(0, idx).tanh().sum(), R(1, 4, 2)); }

        [TestCase(PaddingModes.Zeros)]
        [TestCase(PaddingModes.Circular)]
        [TestCase(PaddingModes.Reflect)]
        public void Conv2dInput(PaddingModes mode)
        {
            var w = R(2, 3, 2, 3, 3);
            var b = R(3, 3);
            Check(x => F.conv2d(x, w, b, 1, 1, 1, 1, mode).tanh().sum(), R(1, 2, 2, 5, 5));
        }

        [TestCase(PaddingModes.Zeros)]
        [TestCase(PaddingModes.Circular)]
        public void Conv2dWeight(PaddingModes mode)
        {
            var x = R(1, 2, 2, 5, 5);
            Check(w => F.conv2d(x, w, null, 2, 1, 1, 1, mode).tanh().sum(), R(2, 3, 2, 3, 3));
        }

        [Test]
        public void ConvTranspose2d()
        {
            var w = R(2, 2, 3, 5, 5);
            var b = R(3, 3);
            Check(x => F.conv_transpose2d(x, w, b, 2, 2, 1).tanh().sum(), R(1, 1, 2, 3, 3));
            var x0 = R(1, 1, 2, 3, 3);
            Check(wt => F.conv_transpose2d(x0, wt, b, 2, 2, 1).tanh().sum(), R(2, 2, 3, 5, 5));
        }

        [Test]
        public void ConvTransposeOutputShapeMatchesPyTorchFormula()
        {
            // (H − 1)·stride − 2·padding + kernel + output_padding = (4 − 1)·2 − 4 + 5 + 1 = 8
            var y = F.conv_transpose2d(torch.zeros(new long[] { 1, 3, 4, 4 }), torch.zeros(new long[] { 3, 2, 5, 5 }), null, 2, 2, 1);
            Assert.That(y.shape, Is.EqualTo(new long[] { 1, 2, 8, 8 }));
        }

        [Test] public void UpsampleNearest() => Check(x => (F.upsample_nearest(x, 2) * R(5, 1, 2, 4, 6)).sum(), R(1, 1, 2, 2, 3));
        [Test] public void AvgPool() => Check(x => F.avg_pool2d(x, 2, 2).square().sum(), R(1, 1, 2, 4, 4));

        [TestCase(PaddingModes.Circular)]
        [TestCase(PaddingModes.Reflect)]
        [TestCase(PaddingModes.Replicate)]
        [TestCase(PaddingModes.Zeros)]
        public void Pad(PaddingModes mode) => Check(x => (F.pad(x, new long[] { 1, 2, 2, 1 }, mode) * R(5, 1, 2, 6, 6)).sum(), R(1, 1, 2, 3, 3));

        [Test]
        public void CircularPadWraps()
        {
            var x = torch.tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 1, 1, 2, 3 });
            var p = F.pad(x, new long[] { 1, 1, 1, 0 }, PaddingModes.Circular);
            Assert.That(p.shape, Is.EqualTo(new long[] { 1, 1, 3, 5 }));
            Assert.That(p.data<float>(), Is.EqualTo(new float[] { 6, 4, 5, 6, 4, 3, 1, 2, 3, 1, 6, 4, 5, 6, 4 }));
        }

        [Test] public void LayerNorm() { var w = R(2, 3, 4); var b = R(3, 3, 4); Check(x => (F.layer_norm(x, new long[] { 3, 4 }, w, b) * R(4, 2, 3, 4)).sum(), R(1, 2, 3, 4)); }
        [Test] public void GroupNorm() => Check(x => (F.group_norm(x, 2) * R(4, 2, 4, 3, 3)).sum(), R(1, 2, 4, 3, 3));
        [Test] public void InstanceNorm() => Check(x => (F.instance_norm(x) * R(4, 2, 3, 3, 3)).sum(), R(1, 2, 3, 3, 3));

        [Test]
        public void BatchNormTraining()
        {
            var rm = torch.zeros(new long[] { 3 }, ScalarType.Float64);
            var rv = torch.ones(new long[] { 3 }, ScalarType.Float64);
            Check(x => (F.batch_norm(x, rm, rv, null, null, true) * R(4, 4, 3, 2, 2)).sum(), R(1, 4, 3, 2, 2));
        }

        [Test]
        public void BinaryCrossEntropy()
        {
            var t = torch.rand(new long[] { 6 }, new Generator(3), ScalarType.Float64);
            Check(x => F.binary_cross_entropy_with_logits(x, t), R(1, 6));
        }
    }
}
