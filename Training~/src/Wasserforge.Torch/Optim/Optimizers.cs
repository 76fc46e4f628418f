using System.Collections.Generic;
using Wasserforge.Torch.Native;
using static Wasserforge.Torch.Native.NativeMethods;

namespace Wasserforge.Torch.Optim
{
    /// <summary>Adam with PyTorch's update rule (bias-corrected moments; L2 weight decay added to the gradient).</summary>
    public sealed unsafe class Adam : Optimizer
    {
        /// <summary>β1.</summary>
        public double beta1 { get; }
        /// <summary>β2.</summary>
        public double beta2 { get; }
        /// <summary>ε.</summary>
        public double eps { get; }
        /// <summary>L2 penalty.</summary>
        public double weight_decay { get; }

        /// <summary>Creates the optimizer.</summary>
        public Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0)
            : base(parameters, lr)
        {
            this.beta1 = beta1; this.beta2 = beta2; this.eps = eps; this.weight_decay = weight_decay;
        }

        /// <inheritdoc/>
        protected override IEnumerable<string> StateNames() => new[] { "exp_avg", "exp_avg_sq" };

        /// <inheritdoc/>
        public override void step()
        {
            step_count++;
            var p = Handles(Parameters);
            var m = Handles(State("exp_avg"));
            var v = Handles(State("exp_avg_sq"));
            fixed (System.IntPtr* pp = p, pm = m, pv = v)
                Shim.Check(wf_adam_step(pp, pm, pv, p.Length, step_count, lr, beta1, beta2, eps, weight_decay));
        }
    }

    /// <summary>RMSprop with PyTorch's update rule (optionally centred; optional momentum).</summary>
    public sealed unsafe class RMSprop : Optimizer
    {
        /// <summary>Smoothing constant.</summary>
        public double alpha { get; }
        /// <summary>ε.</summary>
        public double eps { get; }
        /// <summary>L2 penalty.</summary>
        public double weight_decay { get; }
        /// <summary>Momentum.</summary>
        public double momentum { get; }
        /// <summary>Centred: normalise by an estimate of the gradient's variance instead of its second moment.</summary>
        public bool centered { get; }

        /// <summary>Creates the optimizer (PyTorch's defaults).</summary>
        public RMSprop(IEnumerable<Tensor> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weight_decay = 0, double momentum = 0, bool centered = false)
            : base(parameters, lr)
        {
            this.alpha = alpha; this.eps = eps; this.weight_decay = weight_decay; this.momentum = momentum; this.centered = centered;
        }

        /// <inheritdoc/>
        protected override IEnumerable<string> StateNames()
        {
            yield return "square_avg";
            if (momentum > 0) yield return "momentum_buffer";
            if (centered) yield return "grad_avg";
        }

        /// <inheritdoc/>
        public override void step()
        {
            step_count++;
            var p = Handles(Parameters);
            var s = Handles(State("square_avg"));
            var b = momentum > 0 ? Handles(State("momentum_buffer")) : null;
            var g = centered ? Handles(State("grad_avg")) : null;
            fixed (System.IntPtr* pp = p, ps = s, pb = b, pg = g)
                Shim.Check(wf_rmsprop_step(pp, ps, pb, pg, p.Length, lr, alpha, eps, weight_decay, momentum, centered ? 1 : 0));
        }
    }

    /// <summary>Stochastic gradient descent with optional momentum (PyTorch's rule, dampening 0).</summary>
    public sealed unsafe class SGD : Optimizer
    {
        /// <summary>Momentum.</summary>
        public double momentum { get; }
        /// <summary>L2 penalty.</summary>
        public double weight_decay { get; }

        /// <summary>Creates the optimizer.</summary>
        public SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double weight_decay = 0) : base(parameters, lr)
        {
            this.momentum = momentum; this.weight_decay = weight_decay;
        }

        /// <inheritdoc/>
        protected override IEnumerable<string> StateNames() => momentum > 0 ? new[] { "momentum_buffer" } : new string[0];

        /// <inheritdoc/>
        public override void step()
        {
            step_count++;
            var p = Handles(Parameters);
            var b = momentum > 0 ? Handles(State("momentum_buffer")) : new System.IntPtr[p.Length];
            fixed (System.IntPtr* pp = p, pb = b)
                Shim.Check(wf_sgd_step(pp, pb, p.Length, lr, momentum, weight_decay));
        }
    }
}
