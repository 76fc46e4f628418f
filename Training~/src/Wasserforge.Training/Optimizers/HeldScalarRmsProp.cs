using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using Wasserforge.Training.Engine;
using static TorchSharp.torch;

namespace Wasserforge.Training.Optimizers
{
    /// <summary>
    /// TorchSharp's <see cref="RMSProp"/> (same state, options and checkpoints) whose step passes Scalars it holds until the
    /// step ends (see <see cref="HeldScalars"/>). The update is TorchSharp 0.107's, operation for operation, so results are
    /// bit-identical; only the options the trainer uses exist (smoothing α, ε; no momentum, centring or weight decay).
    /// </summary>
    public sealed class HeldScalarRmsProp : RMSProp
    {
        /// <summary>RMSProp over <paramref name="parameters"/> with rate <paramref name="lr"/> (PyTorch's defaults α 0.99, ε 1e-8).</summary>
        public HeldScalarRmsProp(IEnumerable<Parameter> parameters, double lr, double alpha = 0.99, double eps = 1e-8)
            : base(parameters, lr, alpha, eps) { }

        /// <inheritdoc/>
        public override Tensor step(Func<Tensor> closure = null) => _step<ParamGroup>(group =>
        {
            var o = (Options)group.Options;
            double alpha = o.alpha.Value, eps = o.eps.Value, lr = o.LearningRate.Value;
            using var s = new ScalarScope();
            Scalar keep = s.Of(alpha), take = s.Of(1 - alpha), epsilon = s.Of(eps), rate = s.Of(-lr);
            foreach (var param in group.Parameters)
            {
                var grad = param.grad;
                if (grad is null) continue;
                var state = (State)_state[param.Handle];
                state.step += 1;
                state.square_avg.mul_(keep).addcmul_(grad, grad, take);
                var avg = state.square_avg.sqrt().add_(epsilon, HeldScalars.One);
                param.addcdiv_(grad, avg, rate);
            }
        }, closure);
    }
}
