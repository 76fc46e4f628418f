using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Wasserforge.Training.Checkpoints
{
    /// <summary>
    /// TorchSharp optimizer state as named tensors, PyTorch's names per parameter (in the optimizer's
    /// parameter order): Adam <c>exp_avg.i</c>, <c>exp_avg_sq.i</c>; RMSProp <c>square_avg.i</c>
    /// (+ <c>momentum_buffer.i</c> with momentum, <c>grad_avg.i</c> when centered); SGD
    /// <c>momentum_buffer.i</c> once it exists; and <c>step</c>, the int64 step count of every parameter.
    /// </summary>
    static class OptimizerStates
    {
        /// <summary>adam, rmsprop or sgd.</summary>
        /// <exception cref="ArgumentException">Another optimizer.</exception>
        public static string Kind(optim.Optimizer o) => o switch
        {
            Adam _ => "adam",
            RMSProp _ => "rmsprop",
            SGD _ => "sgd",
            _ => throw new ArgumentException($"checkpoints do not know the optimizer {o.GetType().Name}."),
        };

        static (string name, Func<OptimizerState, Tensor> get, Action<OptimizerState, Tensor> set, bool required)[] Fields(optim.Optimizer o)
        {
            switch (o)
            {
                case Adam _:
                    return new (string, Func<OptimizerState, Tensor>, Action<OptimizerState, Tensor>, bool)[]
                    {
                        ("exp_avg", s => ((Adam.State)s).exp_avg, (s, t) => ((Adam.State)s).exp_avg = t, true),
                        ("exp_avg_sq", s => ((Adam.State)s).exp_avg_sq, (s, t) => ((Adam.State)s).exp_avg_sq = t, true),
                        ("max_exp_avg_sq", s => ((Adam.State)s).max_exp_avg_sq, (s, t) => ((Adam.State)s).max_exp_avg_sq = t, false),
                    };
                case RMSProp r:
                {
                    var options = (RMSProp.Options)((ParamGroup)r.ParamGroups.First()).Options;
                    return new (string, Func<OptimizerState, Tensor>, Action<OptimizerState, Tensor>, bool)[]
                    {
                        ("square_avg", s => ((RMSProp.State)s).square_avg, (s, t) => ((RMSProp.State)s).square_avg = t, true),
                        ("momentum_buffer", s => options.momentum > 0 ? ((RMSProp.State)s).momentum_buffer : null, (s, t) => ((RMSProp.State)s).momentum_buffer = t, options.momentum > 0),
                        ("grad_avg", s => options.centered == true ? ((RMSProp.State)s).grad_avg : null, (s, t) => ((RMSProp.State)s).grad_avg = t, options.centered == true),
                    };
                }
                case SGD _:
                    return new (string, Func<OptimizerState, Tensor>, Action<OptimizerState, Tensor>, bool)[]
                    {
                        ("momentum_buffer", s => ((SGD.State)s).momentum_buffer, (s, t) => ((SGD.State)s).momentum_buffer = t, false),
                    };
                default:
                    throw new ArgumentException($"checkpoints do not know the optimizer {o.GetType().Name}.");
            }
        }

        static long GetStep(OptimizerState s) => s switch { Adam.State a => a.step, RMSProp.State r => r.step, _ => 0 };
        static void SetStep(OptimizerState s, long step) { if (s is Adam.State a) a.step = step; else if (s is RMSProp.State r) r.step = step; }

        /// <summary>The optimizer's state tensors by name (live tensors of the optimizer: do not dispose).</summary>
        public static Dictionary<string, Tensor> Save(optim.Optimizer o, out Tensor steps)
        {
            var states = ((OptimizerHelper)o).state_dict().State;
            var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var (name, get, _, _) in Fields(o))
                for (var i = 0; i < states.Count; i++)
                {
                    var t = get(states[i]);
                    if (t is not null) result[$"{name}.{i}"] = t;
                }
            steps = tensor(states.Select(GetStep).ToArray(), new long[] { states.Count });
            return result;
        }

        /// <summary>Parameters the optimizer updates.</summary>
        public static int Count(optim.Optimizer o) => ((OptimizerHelper)o).state_dict().State.Count;

        /// <summary>
        /// Restores state saved by <see cref="Save"/>: copies into the optimizer's tensors after checking
        /// every shape. <paramref name="steps"/>: the per-parameter step counts.
        /// </summary>
        /// <exception cref="ArgumentException">A tensor is missing or mis-shaped (named), or the step counts do not match the parameters.</exception>
        public static void Load(optim.Optimizer o, IReadOnlyDictionary<string, Tensor> source, long[] steps)
        {
            var states = ((OptimizerHelper)o).state_dict().State;
            if (steps.Length != states.Count) throw new ArgumentException($"step counts for {steps.Length} parameters, the optimizer has {states.Count}.");
            var fields = Fields(o);
            var parameters = o.parameters().ToArray();
            // Check everything before changing anything.
            foreach (var (name, get, _, required) in fields)
                for (var i = 0; i < states.Count; i++)
                {
                    var key = $"{name}.{i}";
                    if (!source.TryGetValue(key, out var src))
                    {
                        if (required) throw new ArgumentException($"optimizer state '{key}' is missing.");
                        continue;
                    }
                    if (!src.shape.SequenceEqual(parameters[i].shape))
                        throw new ArgumentException($"optimizer state '{key}' has shape [{string.Join(", ", src.shape)}], expected [{string.Join(", ", parameters[i].shape)}].");
                }
            using (no_grad())
                foreach (var (name, get, set, _) in fields)
                    for (var i = 0; i < states.Count; i++)
                    {
                        if (!source.TryGetValue($"{name}.{i}", out var src)) continue;
                        var mine = get(states[i]);
                        if (mine is null) set(states[i], src.to(parameters[i].dtype, parameters[i].device, copy: true).DetachFromDisposeScope());
                        else mine.copy_(src);
                    }
            for (var i = 0; i < states.Count; i++) SetStep(states[i], steps[i]);
        }
    }
}
