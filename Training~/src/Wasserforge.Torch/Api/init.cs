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
            /// <summary>Sequential.</summary>
            public static NN.Sequential Sequential(params NN.Module[] layers) => new NN.Sequential(layers);
        }
    }
}
