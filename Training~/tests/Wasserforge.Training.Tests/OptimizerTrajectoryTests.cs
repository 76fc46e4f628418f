using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NUnit.Framework;
using TorchSharp;
using TorchSharp.Modules;
using Wasserforge.Training.Checkpoints;
using Wasserforge.Training.Engine;
using static TorchSharp.torch;

namespace Wasserforge.Training.Tests
{
    /// <summary>TorchSharp's optimizers, as the trainer configures them, against PyTorch's trajectories (reference/optimizer_trajectories.py), float64.</summary>
    public class OptimizerTrajectoryTests
    {
        static JsonElement Reference() =>
            JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "optimizer_trajectories.json"))).RootElement;

        static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

        static optim.Optimizer Make(string name, Parameter[] p) => name switch
        {
            "adam_wgan_gp" => optim.Adam(p, lr: 0.05, beta1: 0.0, beta2: 0.9),
            "adam_default" => optim.Adam(p, lr: 0.01),
            "adam_weight_decay" => optim.Adam(p, lr: 0.02, beta1: 0.5, beta2: 0.999, weight_decay: 0.1),
            "rmsprop_wgan" => optim.RMSProp(p, lr: 0.005),
            "rmsprop_momentum" => optim.RMSProp(p, lr: 0.001, alpha: 0.9, momentum: 0.8, weight_decay: 0.01),
            "rmsprop_centered" => optim.RMSProp(p, lr: 0.002, alpha: 0.95, eps: 1e-6, centered: true),
            "rmsprop_centered_momentum" => optim.RMSProp(p, lr: 0.001, momentum: 0.5, centered: true, weight_decay: 0.05),
            "sgd" => optim.SGD(p, 0.05),
            "sgd_momentum" => optim.SGD(p, 0.05, momentum: 0.9),
            // The trainer's own: TorchSharp's classes with steps that hold their Scalars (Optimizers.HeldScalarAdam).
            "held_adam_wgan_gp" => new Optimizers.HeldScalarAdam(p, lr: 0.05, beta1: 0.0, beta2: 0.9),
            "held_adam_default" => new Optimizers.HeldScalarAdam(p, lr: 0.01, beta1: 0.9, beta2: 0.999),
            "held_rmsprop_wgan" => new Optimizers.HeldScalarRmsProp(p, lr: 0.005),
            "held_sgd" => new Optimizers.HeldScalarSgd(p, 0.05),
            _ => throw new ArgumentException(name),
        };

        /// <summary>The reference case a test case follows (the held-Scalar optimizers follow TorchSharp's).</summary>
        static string Case(string name) => name.StartsWith("held_", StringComparison.Ordinal) ? name.Substring(5) : name;

        /// <summary>The reference problem: loss = mean((x Wᵀ + b − y)²) + 0.1 Σ W⁴.</summary>
        sealed class Problem : IDisposable
        {
            public readonly Parameter W, B;
            readonly Tensor _x, _y;
            public Problem(JsonElement start)
            {
                W = new Parameter(tensor(Doubles(start.GetProperty("W")), new long[] { 3, 4 }));
                B = new Parameter(tensor(Doubles(start.GetProperty("b")), new long[] { 3 }));
                _x = tensor(Doubles(start.GetProperty("x")), new long[] { 5, 4 });
                _y = tensor(Doubles(start.GetProperty("y")), new long[] { 5, 3 });
            }
            public void Step(optim.Optimizer o)
            {
                using var scope = NewDisposeScope();
                o.zero_grad();
                using var s = new ScalarScope();
                _x.matmul(W.transpose(0, 1)).Plus(B).sub(_y).Square().mean().Plus(W.pow(s.Of(4)).sum().mul(s.Of(0.1))).backward();
                o.step();
            }
            public void Dispose() { W.Dispose(); B.Dispose(); _x.Dispose(); _y.Dispose(); }
        }

        [TestCase("adam_wgan_gp")]
        [TestCase("adam_default")]
        [TestCase("adam_weight_decay")]
        [TestCase("rmsprop_wgan")]
        [TestCase("rmsprop_momentum")]
        [TestCase("rmsprop_centered")]
        [TestCase("rmsprop_centered_momentum")]
        [TestCase("sgd")]
        [TestCase("sgd_momentum")]
        [TestCase("held_adam_wgan_gp")]
        [TestCase("held_adam_default")]
        [TestCase("held_rmsprop_wgan")]
        [TestCase("held_sgd")]
        public void TrajectoryMatchesPyTorch(string name)
        {
            var reference = Reference();
            using var problem = new Problem(reference.GetProperty("start"));
            using var opt = Make(name, new[] { problem.W, problem.B });
            var step = 0;
            foreach (var expected in reference.GetProperty("cases").GetProperty(Case(name)).EnumerateArray())
            {
                problem.Step(opt);
                step++;
                Assert.That(problem.W.data<double>().ToArray(), Is.EqualTo(Doubles(expected.GetProperty("W"))).Within(1e-12), $"{name} W at step {step}");
                Assert.That(problem.B.data<double>().ToArray(), Is.EqualTo(Doubles(expected.GetProperty("b"))).Within(1e-12), $"{name} b at step {step}");
            }
            Assert.That(step, Is.EqualTo(12));
        }

        /// <summary>Half the trajectory, a checkpoint, a fresh optimizer loaded from it: it must finish on PyTorch's path.</summary>
        [TestCase("adam_wgan_gp")]
        [TestCase("rmsprop_wgan")]
        [TestCase("rmsprop_centered_momentum")]
        [TestCase("sgd_momentum")]
        [TestCase("held_adam_wgan_gp")]
        [TestCase("held_rmsprop_wgan")]
        public void ACheckpointContinuesTheTrajectory(string name)
        {
            var reference = Reference();
            var steps = reference.GetProperty("cases").GetProperty(Case(name)).EnumerateArray().ToArray();
            var dir = TestDirs.New("wf-optim-");
            try
            {
                using var problem = new Problem(reference.GetProperty("start"));
                var folder = Path.Combine(dir, "step_000006");
                using (var first = Make(name, new[] { problem.W, problem.B }))
                {
                    for (var i = 0; i < 6; i++) problem.Step(first);
                    Checkpoint.Save(folder, new CheckpointState { Step = 6 }, new Dictionary<string, nn.Module>(), new Dictionary<string, optim.Optimizer> { ["opt"] = first });
                }
                using var second = Make(name, new[] { problem.W, problem.B });
                Checkpoint.Load(folder, new Dictionary<string, nn.Module>(), new Dictionary<string, optim.Optimizer> { ["opt"] = second });
                for (var i = 6; i < steps.Length; i++) problem.Step(second);
                Assert.That(problem.W.data<double>().ToArray(), Is.EqualTo(Doubles(steps[^1].GetProperty("W"))).Within(1e-12));
                Assert.That(problem.B.data<double>().ToArray(), Is.EqualTo(Doubles(steps[^1].GetProperty("b"))).Within(1e-12));
            }
            finally { Directory.Delete(dir, true); }
        }

        /// <summary>The trainer's optimizers step exactly as TorchSharp's own, bit for bit, and read each other's checkpoints.</summary>
        [TestCase("adam_wgan_gp")]
        [TestCase("adam_default")]
        [TestCase("rmsprop_wgan")]
        [TestCase("sgd")]
        public void HeldScalarOptimizersStepExactlyAsTorchSharps(string name)
        {
            var start = Reference().GetProperty("start");
            using var theirs = new Problem(start);
            using var mine = new Problem(start);
            using var theirOpt = Make(name, new[] { theirs.W, theirs.B });
            var dir = TestDirs.New("wf-optim-");
            try
            {
                for (var i = 0; i < 6; i++) theirs.Step(theirOpt);
                var folder = Path.Combine(dir, "step_000006");
                Checkpoint.Save(folder, new CheckpointState { Step = 6 }, new Dictionary<string, nn.Module>(), new Dictionary<string, optim.Optimizer> { ["opt"] = theirOpt });
                using (var w = no_grad()) { mine.W.copy_(theirs.W); mine.B.copy_(theirs.B); }
                using var myOpt = Make("held_" + name, new[] { mine.W, mine.B });
                Checkpoint.Load(folder, new Dictionary<string, nn.Module>(), new Dictionary<string, optim.Optimizer> { ["opt"] = myOpt });
                for (var i = 6; i < 12; i++) { theirs.Step(theirOpt); mine.Step(myOpt); }
                Assert.That(mine.W.data<double>().ToArray(), Is.EqualTo(theirs.W.data<double>().ToArray()), "W, exactly");
                Assert.That(mine.B.data<double>().ToArray(), Is.EqualTo(theirs.B.data<double>().ToArray()), "b, exactly");
            }
            finally { Directory.Delete(dir, true); }
        }

        [Test]
        public void OptimizerStateOfTheWrongShapeIsNamed()
        {
            var dir = TestDirs.New("wf-optim-");
            try
            {
                using var a = new Parameter(zeros(3, dtype: ScalarType.Float64));
                using var b = new Parameter(zeros(4, dtype: ScalarType.Float64));
                var folder = Path.Combine(dir, "ck");
                using (var opt = optim.Adam(new[] { a }))
                    Checkpoint.Save(folder, new CheckpointState(), new Dictionary<string, nn.Module>(), new Dictionary<string, optim.Optimizer> { ["opt"] = opt });
                using var other = optim.Adam(new[] { b });
                var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(folder, new Dictionary<string, nn.Module>(), new Dictionary<string, optim.Optimizer> { ["opt"] = other }));
                Assert.That(e.Message, Does.Contain("exp_avg.0").And.Contain("[3]").And.Contain("[4]").And.Contain("tensors.safetensors"));
            }
            finally { Directory.Delete(dir, true); }
        }
    }
}
