using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using Wasserforge.Training.Engine;
using static TorchSharp.torch;

namespace Wasserforge.Training.Optimizers
{
    /// <summary>
    /// TorchSharp's <see cref="Adam"/> (same state, options and checkpoints) whose step passes Scalars it holds until the step
    /// ends instead of TorchSharp's temporaries, which a garbage collection can free during the native call (see
    /// <see cref="HeldScalars"/>). The update is TorchSharp 0.107's, operation for operation, so results are bit-identical;
    /// only the options the trainer uses exist (no weight decay, AMSGrad or maximize).
    /// </summary>
    public sealed class HeldScalarAdam : Adam
    {
        /// <summary>Adam over <paramref name="parameters"/> with rate <paramref name="lr"/>, betas and ε.</summary>
        public HeldScalarAdam(IEnumerable<Parameter> parameters, double lr, double beta1, double beta2, double eps = 1e-8)
            : base(parameters, lr, beta1, beta2, eps) { }

        /// <inheritdoc/>
        public override Tensor step(Func<Tensor> closure = null) => _step<ParamGroup>(group =>
        {
            var o = (Options)group.Options;
            double beta1 = o.beta1.Value, beta2 = o.beta2.Value, eps = o.eps.Value, lr = o.LearningRate.Value;
            using var s = new ScalarScope();
            Scalar keep1 = s.Of(beta1), take1 = s.Of(1 - beta1), keep2 = s.Of(beta2), take2 = s.Of(1 - beta2), epsilon = s.Of(eps);
            foreach (var param in group.Parameters)
            {
                var grad = param.grad;
                if (grad is null) continue;
                var state = (State)_state[param.Handle];
                state.step += 1;
                var correction1 = 1 - Math.Pow(beta1, state.step);
                var correction2 = 1 - Math.Pow(beta2, state.step);
                state.exp_avg.mul_(keep1).add_(grad, take1);
                state.exp_avg_sq.mul_(keep2).addcmul_(grad, grad.conj(), take2);
                var denom = state.exp_avg_sq.sqrt().div(s.Of(Math.Sqrt(correction2))).add_(epsilon, HeldScalars.One);
                param.addcdiv_(state.exp_avg, denom, s.Of(-(lr / correction1)));
            }
        }, closure);
    }
}
