using System;
using System.Linq;
using NUnit.Framework;
using Wasserforge.Torch;
using F = Wasserforge.Torch.torch.nn.functional;

namespace Wasserforge.Torch.Tests
{
    /// <summary>Values and gradients of the tensor surface beyond the network functions.</summary>
    public class TensorOpsTests
    {
        DisposeScope _scope;
        [SetUp] public void Open() => _scope = torch.NewDisposeScope();
        [TearDown] public void Close() => _scope.Dispose();

        static Tensor R(ulong seed, params long[] shape) => GradCheck.Randn(seed, shape);
        static void Check(Func<Tensor, Tensor> f, Tensor x) => Assert.That(GradCheck.MaxError(f, x), Is.LessThan(1e-5));
        static Tensor Positive(ulong seed, params long[] shape) => R(seed, shape).square() + 0.5;

        [Test] public void ReciprocalGradient() => Check(x => (x.square() + 0.5).reciprocal().sum(), R(1, 6));
        [Test] public void RsqrtGradient() => Check(x => (x.square() + 0.5).rsqrt().sum(), R(1, 6));
        [Test] public void Log1pExpm1Gradient() => Check(x => (x.square().log1p() + x.expm1()).sum(), R(1, 6));
        [Test] public void SinCosGradient() => Check(x => (x.sin() * x.cos()).sum(), R(1, 6));
        [Test] public void ScalarOverTensorGradient() => Check(x => (2.0 / (x.square() + 1.0)).sum(), R(1, 6));
        [Test] public void ScalarPowerGradient() => Check(x => x.rpow(1.7).sum(), R(1, 6));
        [Test] public void VarStdGradient() => Check(x => x.var(new long[] { 1 }).sum() + x.std(), R(1, 3, 5));
        [Test] public void MaxMinGradient() => Check(x => x.amax(new long[] { 1 }).sum() + x.amin(new long[] { 0 }).sum() * 2.0 + x.max() - x.min(), R(1, 3, 5));
        [Test] public void MaximumMinimumWhereGradient() { var c = R(2, 3, 4); Check(x => (x.maximum(c) * 2.0 + x.minimum(c) + torch.where(x.gt(c), x, c * x)).square().sum(), R(1, 3, 4)); }
        [Test] public void ExpandRepeatGradient() => Check(x => (x.expand(4, 3) * R(3, 4, 3)).sum() + x.repeat(2, 2).square().sum(), R(1, 1, 3));
        [Test] public void SqueezeUnsqueezeFlattenGradient() => Check(x => x.unsqueeze(0).squeeze(0).unsqueeze(2).flatten().tanh().sum() + x.squeeze().square().sum(), R(1, 3, 1, 2));
        [Test] public void SliceStackGradient() => Check(x => torch.stack(new[] { x.slice(1, 0, 5, 2), x.slice(1, 1, 4, 1) }, 0).tanh().square().sum(), R(1, 2, 5));

        [Test]
        public void SliceFollowsPythonSemantics()
        {
            var x = torch.arange(10, ScalarType.Float32);
            Assert.That(x.slice(0, 1, 8, 3).data<float>(), Is.EqualTo(new float[] { 1, 4, 7 }));
            Assert.That(x.slice(0, 7, 100).data<float>(), Is.EqualTo(new float[] { 7, 8, 9 }));
            Assert.That(x.slice(0, -3, 10).data<float>(), Is.EqualTo(new float[] { 7, 8, 9 }));
        }

        [Test]
        public void ComparisonsReturnBoolTensors()
        {
            var x = torch.tensor(new float[] { -1, 0, 2 }, new long[] { 3 });
            var y = torch.tensor(new float[] { 0, 0, 0 }, new long[] { 3 });
            Assert.That(x.gt(0).dtype, Is.EqualTo(ScalarType.Bool));
            Assert.That(x.ge(y).to(ScalarType.Float32).data<float>(), Is.EqualTo(new float[] { 0, 1, 1 }));
            Assert.That(x.le(0).to(ScalarType.Float32).data<float>(), Is.EqualTo(new float[] { 1, 1, 0 }));
            Assert.That(x.ne(y).logical_not().to(ScalarType.Float32).data<float>(), Is.EqualTo(new float[] { 0, 1, 0 }));
            Assert.That(x.eq(2).to(ScalarType.Int64).data<long>(), Is.EqualTo(new long[] { 0, 0, 1 }));
        }

        [Test]
        public void RoundingAndArgmax()
        {
            var x = torch.tensor(new double[] { -1.5, 0.5, 2.5, 1.2, -0.2, 0.7 }, new long[] { 2, 3 });
            Assert.That(x.floor().data<double>(), Is.EqualTo(new double[] { -2, 0, 2, 1, -1, 0 }));
            Assert.That(x.ceil().data<double>(), Is.EqualTo(new double[] { -1, 1, 3, 2, -0.0, 1 }));
            Assert.That(x.round().data<double>(), Is.EqualTo(new double[] { -2, 0, 2, 1, -0.0, 1 }));
            Assert.That(x.argmax().item(), Is.EqualTo(2));
            Assert.That(x.argmax(1).data<long>(), Is.EqualTo(new long[] { 2, 0 }));
            Assert.That(x.var(new long[] { 1 }, unbiased: false).data<double>()[0], Is.EqualTo(new[] { -1.5, 0.5, 2.5 }.Select(v => (v - 0.5) * (v - 0.5)).Average()).Within(1e-12));
        }

        [Test]
        public void SpansRoundTripForEveryDtype()
        {
            Assert.That(torch.tensor(new float[] { 1.5f, -2 }, new long[] { 2 }).data<float>(), Is.EqualTo(new float[] { 1.5f, -2 }));
            Assert.That(torch.tensor(new double[] { 1e-300, 3 }, new long[] { 2 }).data<double>(), Is.EqualTo(new double[] { 1e-300, 3 }));
            Assert.That(torch.tensor(new long[] { long.MaxValue, -1 }, new long[] { 2 }).data<long>(), Is.EqualTo(new long[] { long.MaxValue, -1 }));
            var b = torch.tensor(new float[] { 0, 3 }, new long[] { 2 }).to(ScalarType.Bool);
            Assert.That(b.data<bool>(), Is.EqualTo(new[] { false, true }));
            Span<float> dst = stackalloc float[4];
            torch.ones(new long[] { 2, 2 }).CopyTo(dst);
            Assert.That(dst.ToArray(), Is.EqualTo(new float[] { 1, 1, 1, 1 }));
            Assert.Throws<TorchException>(() => torch.ones(new long[] { 3 }).CopyTo(new float[2].AsSpan()));
            Assert.Throws<ArgumentException>(() => torch.tensor(new float[3], new long[] { 2, 2 }));
        }

        [Test]
        public void SeededGeneratorsRepeatAndDiffer()
        {
            using var a = new Generator(42);
            using var b = new Generator(42);
            using var c = new Generator(43);
            var x = torch.randn(new long[] { 16 }, a).data<float>();
            Assert.That(torch.randn(new long[] { 16 }, b).data<float>(), Is.EqualTo(x));
            Assert.That(torch.randn(new long[] { 16 }, c).data<float>(), Is.Not.EqualTo(x));
            var u = torch.rand(new long[] { 1000 }, a).data<float>();
            Assert.That(u.Min(), Is.GreaterThanOrEqualTo(0f));
            Assert.That(u.Max(), Is.LessThan(1f));
            Assert.That(torch.randperm(50, a).data<long>().OrderBy(v => v), Is.EqualTo(Enumerable.Range(0, 50).Select(v => (long)v)));
        }

        [Test]
        public void DefaultGeneratorStateRestoresTheSameDraws()
        {
            torch.manual_seed(5);
            var state = torch.get_rng_state();
            var first = torch.randn(new long[] { 8 }).data<float>();
            torch.randn(new long[] { 100 });
            torch.set_rng_state(state);
            Assert.That(torch.randn(new long[] { 8 }).data<float>(), Is.EqualTo(first));
            Assert.Throws<TorchException>(() => torch.set_rng_state(new byte[] { 1, 2, 3 }));
        }

        [Test]
        public void DisposedGeneratorIsObjectDisposed()
        {
            var g = new Generator(1);
            g.Dispose();
            Assert.Throws<ObjectDisposedException>(() => torch.randn(new long[] { 2 }, g));
        }

        [Test]
        public void ThreadsDefaultToTheCoresAndAreConfigurable()
        {
            Assert.That(torch.get_num_threads(), Is.EqualTo(Environment.ProcessorCount));
            try
            {
                torch.set_num_threads(1);
                Assert.That(torch.get_num_threads(), Is.EqualTo(1));
            }
            finally { torch.set_num_threads(0); }
            Assert.That(torch.get_num_threads(), Is.EqualTo(Environment.ProcessorCount));
        }

        [Test]
        public void NoGradScopeRecordsNothing()
        {
            var w = torch.ones(new long[] { 2 }).requires_grad_();
            using (torch.no_grad()) Assert.That((w * 2.0).requires_grad, Is.False);
            Assert.That((w * 2.0).requires_grad, Is.True);
        }

        [Test]
        public void NewModulesHaveStableNamesAndPyTorchDefaults()
        {
            using var net = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3, padding: 1), torch.nn.GroupNorm(2, 4), torch.nn.ELU(), torch.nn.InstanceNorm2d(4),
                                                torch.nn.Softplus(), torch.nn.Upsample(2), torch.nn.Sigmoid(), torch.nn.Flatten());
            Assert.That(net.named_parameters().Select(p => p.Key), Is.EqualTo(new[] { "0.weight", "0.bias", "1.weight", "1.bias" }));
            var y = net.forward(torch.randn(new long[] { 2, 3, 5, 5 }));
            Assert.That(y.shape, Is.EqualTo(new long[] { 2, 4 * 10 * 10 }));
            Assert.That(y.min().item(), Is.GreaterThan(0));
        }
    }
}
