namespace Wasserforge.Torch
{
    public static partial class torch
    {
        /// <summary>A float32 CPU tensor filled with U(−bound, bound) from the default generator.</summary>
        internal static Tensor empty_uniform(long[] shape, double bound)
        {
            var t = zeros(shape);
            return t.uniform_(-bound, bound);
        }

        /// <summary>Modules (<c>torch.nn</c>): factories named like PyTorch's classes.</summary>
        public static partial class nn
        {
            /// <summary>A fully connected layer.</summary>
            public static NN.Linear Linear(long in_features, long out_features, bool bias = true) => new NN.Linear(in_features, out_features, bias);
            /// <summary>A 2-D convolution.</summary>
            public static NN.Conv2d Conv2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, bool bias = true, PaddingModes padding_mode = PaddingModes.Zeros) =>
                new NN.Conv2d(in_channels, out_channels, kernel_size, stride, padding, bias, padding_mode);
            /// <summary>A 2-D transposed convolution.</summary>
            public static NN.ConvTranspose2d ConvTranspose2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long output_padding = 0, bool bias = true) =>
                new NN.ConvTranspose2d(in_channels, out_channels, kernel_size, stride, padding, output_padding, bias);
            /// <summary>Batch norm over channels.</summary>
            public static NN.BatchNorm BatchNorm2d(long num_features) => new NN.BatchNorm(num_features);
            /// <summary>Batch norm over features.</summary>
            public static NN.BatchNorm BatchNorm1d(long num_features) => new NN.BatchNorm(num_features);
            /// <summary>Layer norm.</summary>
            public static NN.LayerNorm LayerNorm(params long[] normalized_shape) => new NN.LayerNorm(normalized_shape);
            /// <summary>ReLU.</summary>
            public static NN.ReLU ReLU() => new NN.ReLU();
            /// <summary>Leaky ReLU.</summary>
            public static NN.LeakyReLU LeakyReLU(double negative_slope = 0.01) => new NN.LeakyReLU(negative_slope);
            /// <summary>Tanh.</summary>
            public static NN.Tanh Tanh() => new NN.Tanh();
            /// <summary>Group norm.</summary>
            public static NN.GroupNorm GroupNorm(long num_groups, long num_channels, double eps = 1e-5, bool affine = true) => new NN.GroupNorm(num_groups, num_channels, eps, affine);
            /// <summary>Instance norm over NCHW (no affine parameters by default, as in PyTorch).</summary>
            public static NN.InstanceNorm2d InstanceNorm2d(long num_features, double eps = 1e-5, bool affine = false) => new NN.InstanceNorm2d(num_features, eps, affine);
            /// <summary>Sigmoid.</summary>
            public static NN.Sigmoid Sigmoid() => new NN.Sigmoid();
            /// <summary>ELU.</summary>
            public static NN.ELU ELU(double alpha = 1.0) => new NN.ELU(alpha);
            /// <summary>Softplus.</summary>
            public static NN.Softplus Softplus(double beta = 1.0, double threshold = 20.0) => new NN.Softplus(beta, threshold);
            /// <summary>Nearest-neighbour upsampling by an integer factor.</summary>
            public static NN.Upsample Upsample(long scale_factor) => new NN.Upsample(scale_factor);
            /// <summary>Flattens each sample.</summary>
            public static NN.Flatten Flatten() => new NN.Flatten();
            /// <summary>Reshapes each sample to <paramref name="shape"/>.</summary>
            public static NN.Unflatten Unflatten(params long[] shape) => new NN.Unflatten(shape);
            /// <summary>Sequential.</summary>
            public static NN.Sequential Sequential(params NN.Module[] layers) => new NN.Sequential(layers);
        }
    }
}
