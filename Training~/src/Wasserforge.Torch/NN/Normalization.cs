using F = Wasserforge.Torch.torch.nn.functional;

namespace Wasserforge.Torch.NN
{
    /// <summary>Group normalisation: channels split into groups, each normalised per sample (<c>nn.GroupNorm</c>).</summary>
    public sealed class GroupNorm : Module
    {
        /// <summary>Number of channel groups.</summary>
        public long num_groups { get; }
        /// <summary>Added to the variance.</summary>
        public double eps { get; }
        /// <summary>Per-channel scale, or null without affine parameters.</summary>
        public Tensor weight { get; }
        /// <summary>Per-channel shift, or null without affine parameters.</summary>
        public Tensor bias { get; }

        /// <summary>Creates the layer (scale 1, shift 0 when <paramref name="affine"/>, PyTorch's default).</summary>
        public GroupNorm(long num_groups, long num_channels, double eps = 1e-5, bool affine = true)
        {
            this.num_groups = num_groups; this.eps = eps;
            if (!affine) return;
            weight = register_parameter("weight", torch.ones(new[] { num_channels }));
            bias = register_parameter("bias", torch.zeros(new[] { num_channels }));
        }

        /// <inheritdoc/>
        /// <exception cref="TorchException">The channel count is not divisible by the groups.</exception>
        public override Tensor forward(Tensor x) => F.group_norm(x, num_groups, weight, bias, eps);
    }

    /// <summary>Instance normalisation of NCHW input, per sample and channel, without running statistics (<c>nn.InstanceNorm2d</c>; affine off by default, as in PyTorch).</summary>
    public sealed class InstanceNorm2d : Module
    {
        /// <summary>Added to the variance.</summary>
        public double eps { get; }
        /// <summary>Per-channel scale, or null (the default).</summary>
        public Tensor weight { get; }
        /// <summary>Per-channel shift, or null (the default).</summary>
        public Tensor bias { get; }

        /// <summary>Creates the layer.</summary>
        public InstanceNorm2d(long num_features, double eps = 1e-5, bool affine = false)
        {
            this.eps = eps;
            if (!affine) return;
            weight = register_parameter("weight", torch.ones(new[] { num_features }));
            bias = register_parameter("bias", torch.zeros(new[] { num_features }));
        }

        /// <inheritdoc/>
        public override Tensor forward(Tensor x) => F.instance_norm(x, weight, bias, eps);
    }
}
