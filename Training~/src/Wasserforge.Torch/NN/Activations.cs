using System;
using System.Collections.Generic;
using F = Wasserforge.Torch.torch.nn.functional;

namespace Wasserforge.Torch.NN
{
    /// <summary>max(x, 0).</summary>
    public sealed class ReLU : Module { /// <inheritdoc/>
        public override Tensor forward(Tensor x) => x.relu(); }

    /// <summary>Leaky ReLU with a fixed negative slope.</summary>
    public sealed class LeakyReLU : Module
    {
        /// <summary>Slope for negative inputs.</summary>
        public double negative_slope { get; }
        /// <summary>Creates the activation.</summary>
        public LeakyReLU(double negative_slope = 0.01) { this.negative_slope = negative_slope; }
        /// <inheritdoc/>
        public override Tensor forward(Tensor x) => x.leaky_relu(negative_slope);
    }

    /// <summary>tanh.</summary>
    public sealed class Tanh : Module { /// <inheritdoc/>
        public override Tensor forward(Tensor x) => x.tanh(); }

    /// <summary>Logistic sigmoid.</summary>
    public sealed class Sigmoid : Module { /// <inheritdoc/>
        public override Tensor forward(Tensor x) => x.sigmoid(); }

    /// <summary>ELU: x for x &gt; 0, α(eˣ − 1) otherwise.</summary>
    public sealed class ELU : Module
    {
        /// <summary>α.</summary>
        public double alpha { get; }
        /// <summary>Creates the activation.</summary>
        public ELU(double alpha = 1.0) { this.alpha = alpha; }
        /// <inheritdoc/>
        public override Tensor forward(Tensor x) => x.elu(alpha);
    }

    /// <summary>Softplus: log(1 + e^(βx)) / β, linear above the threshold.</summary>
    public sealed class Softplus : Module
    {
        /// <summary>β.</summary>
        public double beta { get; }
        /// <summary>Above β·x &gt; threshold the output is x.</summary>
        public double threshold { get; }
        /// <summary>Creates the activation.</summary>
        public Softplus(double beta = 1.0, double threshold = 20.0) { this.beta = beta; this.threshold = threshold; }
        /// <inheritdoc/>
        public override Tensor forward(Tensor x) => x.softplus(beta, threshold);
    }

    /// <summary>Nearest-neighbour upsampling by an integer factor.</summary>
    public sealed class Upsample : Module
    {
        /// <summary>Scale factor.</summary>
        public long scale_factor { get; }
        /// <summary>Creates the layer.</summary>
        public Upsample(long scale_factor) { this.scale_factor = scale_factor; }
        /// <inheritdoc/>
        public override Tensor forward(Tensor x) => F.upsample_nearest(x, scale_factor);
    }

    /// <summary>Reshapes each sample: [N, ...] → [N, shape...].</summary>
    public sealed class Unflatten : Module
    {
        readonly long[] _shape;
        /// <summary>Target per-sample shape.</summary>
        public long[] shape => (long[])_shape.Clone();
        /// <summary>Creates the layer.</summary>
        public Unflatten(params long[] shape) { _shape = shape; }
        /// <inheritdoc/>
        public override Tensor forward(Tensor x)
        {
            var s = new long[_shape.Length + 1];
            s[0] = -1;
            Array.Copy(_shape, 0, s, 1, _shape.Length);
            return x.reshape(s);
        }
    }

    /// <summary>Flattens each sample: [N, ...] → [N, D].</summary>
    public sealed class Flatten : Module { /// <inheritdoc/>
        public override Tensor forward(Tensor x) => x.flatten(1); }

    /// <summary>Layers applied in order; children are named 0, 1, 2…</summary>
    public sealed class Sequential : Module
    {
        readonly List<Module> _layers = new List<Module>();

        /// <summary>Creates the sequence.</summary>
        public Sequential(params Module[] layers)
        {
            foreach (var l in layers) append(l);
        }

        /// <summary>Appends a layer.</summary>
        public Sequential append(Module layer)
        {
            register_module(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer);
            _layers.Add(layer);
            return this;
        }

        /// <summary>The layers.</summary>
        public IReadOnlyList<Module> layers => _layers;

        /// <summary>Applies each layer; intermediates belong to the caller's DisposeScope.</summary>
        public override Tensor forward(Tensor x)
        {
            var h = x;
            foreach (var l in _layers) h = l.forward(h);
            return h;
        }
    }
}
