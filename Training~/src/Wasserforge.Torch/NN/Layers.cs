using System;
using F = Wasserforge.Torch.torch.nn.functional;

namespace Wasserforge.Torch.NN
{
    /// <summary>y = x·Wᵀ + b, initialised like PyTorch (U(−1/√fan_in, 1/√fan_in)).</summary>
    public sealed class Linear : Module
    {
        /// <summary>[out, in].</summary>
        public Tensor weight { get; }
        /// <summary>[out] or null.</summary>
        public Tensor bias { get; }

        /// <summary>Creates the layer with PyTorch's default initialisation.</summary>
        public Linear(long in_features, long out_features, bool hasBias = true)
        {
            var bound = 1.0 / Math.Sqrt(in_features);
            weight = register_parameter("weight", torch.empty_uniform(new[] { out_features, in_features }, bound));
            if (hasBias) bias = register_parameter("bias", torch.empty_uniform(new[] { out_features }, bound));
        }

        /// <inheritdoc/>
        public override Tensor forward(Tensor x) => F.linear(x, weight, bias);
    }

    /// <summary>2-D convolution with zero, reflect or circular padding.</summary>
    public sealed class Conv2d : Module
    {
        readonly long _stride, _padding;
        readonly PaddingModes _mode;
        /// <summary>[out, in, k, k].</summary>
        public Tensor weight { get; }
        /// <summary>[out] or null.</summary>
        public Tensor bias { get; }
        /// <summary>Stride.</summary>
        public long stride => _stride;
        /// <summary>Padding on each side.</summary>
        public long padding => _padding;
        /// <summary>How the border is padded.</summary>
        public PaddingModes padding_mode => _mode;

        /// <summary>Creates the layer with PyTorch's default initialisation.</summary>
        public Conv2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, bool hasBias = true, PaddingModes padding_mode = PaddingModes.Zeros)
        {
            _stride = stride; _padding = padding; _mode = padding_mode;
            var bound = 1.0 / Math.Sqrt(in_channels * kernel_size * kernel_size);
            weight = register_parameter("weight", torch.empty_uniform(new[] { out_channels, in_channels, kernel_size, kernel_size }, bound));
            if (hasBias) bias = register_parameter("bias", torch.empty_uniform(new[] { out_channels }, bound));
        }

        /// <inheritdoc/>
        public override Tensor forward(Tensor x) => F.conv2d(x, weight, bias, _stride, _padding, 1, 1, _mode);
    }

    /// <summary>2-D transposed convolution (weight [in, out, k, k]).</summary>
    public sealed class ConvTranspose2d : Module
    {
        readonly long _stride, _padding, _outputPadding;
        /// <summary>[in, out, k, k].</summary>
        public Tensor weight { get; }
        /// <summary>[out] or null.</summary>
        public Tensor bias { get; }
        /// <summary>Stride.</summary>
        public long stride => _stride;
        /// <summary>Padding.</summary>
        public long padding => _padding;
        /// <summary>Extra rows/columns added on one side of the output.</summary>
        public long output_padding => _outputPadding;

        /// <summary>Creates the layer with PyTorch's default initialisation (fan_in = out·k·k, as PyTorch computes it for transposed weights).</summary>
        public ConvTranspose2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long output_padding = 0, bool hasBias = true)
        {
            _stride = stride; _padding = padding; _outputPadding = output_padding;
            var bound = 1.0 / Math.Sqrt(out_channels * kernel_size * kernel_size);
            weight = register_parameter("weight", torch.empty_uniform(new[] { in_channels, out_channels, kernel_size, kernel_size }, bound));
            if (hasBias) bias = register_parameter("bias", torch.empty_uniform(new[] { out_channels }, bound));
        }

        /// <inheritdoc/>
        public override Tensor forward(Tensor x) => F.conv_transpose2d(x, weight, bias, _stride, _padding, _outputPadding);
    }

    /// <summary>Batch normalisation over NCHW channels (or NC features) with running statistics.</summary>
    public sealed class BatchNorm : Module
    {
        /// <summary>Scale γ.</summary>
        public Tensor weight { get; }
        /// <summary>Shift β.</summary>
        public Tensor bias { get; }
        /// <summary>Running mean (buffer).</summary>
        public Tensor running_mean { get; }
        /// <summary>Running variance (buffer).</summary>
        public Tensor running_var { get; }
        /// <summary>Momentum of the running statistics.</summary>
        public double momentum { get; }
        /// <summary>Added to the variance.</summary>
        public double eps { get; }

        /// <summary>Creates the layer (γ = 1, β = 0, running mean 0, variance 1).</summary>
        public BatchNorm(long num_features, double eps = 1e-5, double momentum = 0.1)
        {
            this.eps = eps; this.momentum = momentum;
            weight = register_parameter("weight", torch.ones(new[] { num_features }));
            bias = register_parameter("bias", torch.zeros(new[] { num_features }));
            running_mean = register_buffer("running_mean", torch.zeros(new[] { num_features }));
            running_var = register_buffer("running_var", torch.ones(new[] { num_features }));
        }

        /// <inheritdoc/>
        public override Tensor forward(Tensor x) => F.batch_norm(x, running_mean, running_var, weight, bias, training, momentum, eps);
    }

    /// <summary>Layer normalisation over trailing dimensions (per sample: safe in a WGAN-GP critic).</summary>
    public sealed class LayerNorm : Module
    {
        readonly long[] _shape;
        /// <summary>Scale.</summary>
        public Tensor weight { get; }
        /// <summary>Shift.</summary>
        public Tensor bias { get; }
        /// <summary>The normalised trailing shape.</summary>
        public long[] normalized_shape => (long[])_shape.Clone();
        /// <summary>Added to the variance.</summary>
        public double eps { get; }

        /// <summary>Creates the layer (scale 1, shift 0).</summary>
        public LayerNorm(long[] normalized_shape, double eps = 1e-5)
        {
            _shape = (long[])normalized_shape.Clone();
            this.eps = eps;
            weight = register_parameter("weight", torch.ones(_shape));
            bias = register_parameter("bias", torch.zeros(_shape));
        }

        /// <inheritdoc/>
        public override Tensor forward(Tensor x) => F.layer_norm(x, _shape, weight, bias, eps);
    }
}
