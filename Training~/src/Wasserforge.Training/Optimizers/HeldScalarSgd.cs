using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using Wasserforge.Training.Engine;
using static TorchSharp.torch;

namespace Wasserforge.Training.Optimizers
{
    /// <summary>
    /// TorchSharp's <see cref="SGD"/> (same state, options and checkpoints) whose step passes a Scalar it holds until the
    /// step ends (see <see cref="HeldScalars"/>). Plain SGD as TorchSharp 0.107 computes it (no momentum or weight decay).
    /// </summary>
    public sealed class HeldScalarSgd : SGD
    {
        /// <summary>SGD over <paramref name="parameters"/> with rate <paramref name="lr"/>.</summary>
        public HeldScalarSgd(IEnumerable<Parameter> parameters, double lr) : base(parameters, lr) { }

        /// <inheritdoc/>
        public override Tensor step(Func<Tensor> closure = null) => _step<ParamGroup>(group =>
        {
            using var s = new ScalarScope();
            var rate = s.Of(-group.Options.LearningRate.Value);
            foreach (var param in group.Parameters)
            {
                var grad = param.grad;
                if (grad is null) continue;
                param.add_(grad, rate);
            }
        }, closure);
    }
}
