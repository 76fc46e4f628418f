using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using NUnit.Framework;
using Wasserforge.Torch;
using Wasserforge.Torch.Optim;

namespace Wasserforge.Torch.Tests
{
    /// <summary>Optimizer trajectories against PyTorch's (reference/optimizer_trajectories.py).</summary>
    public class OptimizerTests
    {
        static JsonElement Reference()
        {
            var path = Path.Combine(AppContext.BaseDirectory, "reference", "optimizer_trajectories.json");
            return JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        }

        static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

        static Optimizer Make(string name, Tensor[] p) => name switch
        {
            "adam_wgan_gp" => new Adam(p, lr: 0.05, beta1: 0.0, beta2: 0.9),
            "adam_default" => new Adam(p, lr: 0.01),
            "adam_weight_decay" => new Adam(p, lr: 0.02, beta1: 0.5, beta2: 0.999, weight_decay: 0.1),
            "rmsprop_wgan" => new RMSprop(p, lr: 0.005),
            "rmsprop_momentum" => new RMSprop(p, lr: 0.001, alpha: 0.9, momentum: 0.8, weight_decay: 0.01),
            "sgd" => new SGD(p, lr: 0.05),
            "sgd_momentum" => new SGD(p, lr: 0.05, momentum: 0.9),
            _ => throw new ArgumentException(name),
        };

        [TestCase("adam_wgan_gp")]
        [TestCase("adam_default")]
        [TestCase("adam_weight_decay")]
        [TestCase("rmsprop_wgan")]
        [TestCase("rmsprop_momentum")]
        [TestCase("sgd")]
        [TestCase("sgd_momentum")]
        public void TrajectoryMatchesPyTorch(string name)
        {
            var reference = Reference();
            var start = reference.GetProperty("start");
            var W = DisposeScope.Detach(torch.tensor(Doubles(start.GetProperty("W")), new long[] { 3, 4 })).requires_grad_();
            var b = DisposeScope.Detach(torch.tensor(Doubles(start.GetProperty("b")), new long[] { 3 })).requires_grad_();
            var x = torch.tensor(Doubles(start.GetProperty("x")), new long[] { 5, 4 });
            var y = torch.tensor(Doubles(start.GetProperty("y")), new long[] { 5, 3 });
            using var opt = Make(name, new[] { W, b });
            var steps = reference.GetProperty("cases").GetProperty(name).EnumerateArray().ToArray();
            foreach (var expected in steps)
            {
                using (torch.NewDisposeScope())
                {
                    opt.zero_grad();
                    var loss = (x.matmul(W.transpose(0, 1)) + b - y).square().mean() + W.pow(4).sum() * 0.1;
                    loss.backward();
                    opt.step();
                }
                Assert.That(W.data<double>(), Is.EqualTo(Doubles(expected.GetProperty("W"))).Within(1e-12), $"{name} W at step {opt.step_count}");
                Assert.That(b.data<double>(), Is.EqualTo(Doubles(expected.GetProperty("b"))).Within(1e-12), $"{name} b at step {opt.step_count}");
            }
            W.Dispose(); b.Dispose(); x.Dispose(); y.Dispose();
        }

        [Test]
        public void WeightClippingClampsInPlace()
        {
            using var lin = torch.nn.Linear(10, 10);
            foreach (var p in lin.parameters()) p.clamp_(-0.01, 0.01);
            foreach (var p in lin.parameters())
                Assert.That(p.data<float>().Max(v => Math.Abs(v)), Is.LessThanOrEqualTo(0.01f));
            Assert.That(lin.weight.requires_grad, Is.True);
        }
    }
}
