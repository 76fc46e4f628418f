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
            "rmsprop_centered" => new RMSprop(p, lr: 0.002, alpha: 0.95, eps: 1e-6, centered: true),
            "rmsprop_centered_momentum" => new RMSprop(p, lr: 0.001, momentum: 0.5, centered: true, weight_decay: 0.05),
            "sgd" => new SGD(p, lr: 0.05),
            "sgd_momentum" => new SGD(p, lr: 0.05, momentum: 0.9),
            _ => throw new ArgumentException(name),
        };

        [TestCase("adam_wgan_gp")]
        [TestCase("adam_default")]
        [TestCase("adam_weight_decay")]
        [TestCase("rmsprop_wgan")]
        [TestCase("rmsprop_momentum")]
        [TestCase("rmsprop_centered")]
        [TestCase("rmsprop_centered_momentum")]
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

        /// <summary>Half the trajectory, then the optimizer state is copied into a fresh optimizer (as a checkpoint does), which must finish on PyTorch's path.</summary>
        [TestCase("adam_wgan_gp")]
        [TestCase("rmsprop_centered_momentum")]
        [TestCase("sgd_momentum")]
        public void StateSaveAndLoadContinuesTheTrajectory(string name)
        {
            var reference = Reference();
            var start = reference.GetProperty("start");
            using var scope = torch.NewDisposeScope();
            var W = torch.tensor(Doubles(start.GetProperty("W")), new long[] { 3, 4 }).requires_grad_();
            var b = torch.tensor(Doubles(start.GetProperty("b")), new long[] { 3 }).requires_grad_();
            var x = torch.tensor(Doubles(start.GetProperty("x")), new long[] { 5, 4 });
            var y = torch.tensor(Doubles(start.GetProperty("y")), new long[] { 5, 3 });
            var steps = reference.GetProperty("cases").GetProperty(name).EnumerateArray().ToArray();
            var first = Make(name, new[] { W, b });
            void Step(Optimizer o)
            {
                using (torch.NewDisposeScope())
                {
                    o.zero_grad();
                    ((x.matmul(W.transpose(0, 1)) + b - y).square().mean() + W.pow(4).sum() * 0.1).backward();
                    o.step();
                }
            }
            for (var i = 0; i < 6; i++) Step(first);
            var saved = first.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
            var savedStep = first.step_count;
            first.Dispose();
            using var second = Make(name, new[] { W, b });
            second.load_state_dict(saved, savedStep);
            for (var i = 6; i < steps.Length; i++) Step(second);
            Assert.That(W.data<double>(), Is.EqualTo(Doubles(steps[^1].GetProperty("W"))).Within(1e-12));
            Assert.That(b.data<double>(), Is.EqualTo(Doubles(steps[^1].GetProperty("b"))).Within(1e-12));
        }

        [Test]
        public void LoadingStateOfTheWrongShapeNamesTheKey()
        {
            using var scope = torch.NewDisposeScope();
            var p = torch.zeros(new long[] { 3 }).requires_grad_();
            using var opt = new Adam(new[] { p });
            var bad = new System.Collections.Generic.Dictionary<string, Tensor> { ["exp_avg.0"] = torch.zeros(new long[] { 4 }), ["exp_avg_sq.0"] = torch.zeros(new long[] { 3 }) };
            var e = Assert.Throws<ArgumentException>(() => opt.load_state_dict(bad, 1));
            Assert.That(e.Message, Does.Contain("exp_avg.0").And.Contain("[4]"));
            bad.Remove("exp_avg_sq.0");
            bad["exp_avg.0"] = torch.zeros(new long[] { 3 });
            Assert.That(Assert.Throws<ArgumentException>(() => opt.load_state_dict(bad, 1)).Message, Does.Contain("exp_avg_sq.0"));
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
