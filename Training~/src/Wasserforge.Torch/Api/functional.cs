using System;
using Wasserforge.Torch.Native;
using static Wasserforge.Torch.Native.NativeMethods;

namespace Wasserforge.Torch
{
    /// <summary>Padding modes of <see cref="torch.nn.functional.pad"/> and convolutions.</summary>
    public enum PaddingModes
    {
        /// <summary>Constant (zero) padding.</summary>
        Zeros = 0,
        /// <summary>Mirror without repeating the edge.</summary>
        Reflect = 1,
        /// <summary>Repeat the edge.</summary>
        Replicate = 2,
        /// <summary>Wrap around (tileable outputs).</summary>
        Circular = 3,
    }

    public static unsafe partial class torch
    {
        public static partial class nn
        {
            /// <summary>Stateless network functions (<c>torch.nn.functional</c>).</summary>
            public static class functional
            {
                static IntPtr Opt(Tensor t) => t?.H ?? IntPtr.Zero;

                /// <summary>x·Wᵀ + b.</summary>
                public static Tensor linear(Tensor x, Tensor weight, Tensor bias = null) => Tensor.From(wf_linear(x.H, weight.H, Opt(bias), out var r), r);

                /// <summary>2-D convolution; non-zero padding modes pad first, then convolve without padding.</summary>
                public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias = null, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, PaddingModes padding_mode = PaddingModes.Zeros)
                {
                    if (padding_mode != PaddingModes.Zeros && padding > 0)
                    {
                        using (var padded = pad(x, new[] { padding, padding, padding, padding }, padding_mode))
                            return Tensor.From(wf_conv2d(padded.H, weight.H, Opt(bias), stride, 0, dilation, groups, out var p), p);
                    }
                    return Tensor.From(wf_conv2d(x.H, weight.H, Opt(bias), stride, padding, dilation, groups, out var r), r);
                }

                /// <summary>2-D transposed convolution (weight [C_in, C_out, kH, kW]).</summary>
                public static Tensor conv_transpose2d(Tensor x, Tensor weight, Tensor bias = null, long stride = 1, long padding = 0, long output_padding = 0, long groups = 1) =>
                    Tensor.From(wf_conv_transpose2d(x.H, weight.H, Opt(bias), stride, padding, output_padding, groups, out var r), r);

                /// <summary>Pads the last dimensions: (left, right, top, bottom) for 2-D.</summary>
                public static Tensor pad(Tensor x, long[] pad, PaddingModes mode = PaddingModes.Zeros, double value = 0)
                {
                    fixed (long* p = pad) return Tensor.From(wf_pad(x.H, p, pad.Length, (int)mode, value, out var r), r);
                }

                /// <summary>Nearest-neighbour upsampling of NCHW by an integer factor.</summary>
                public static Tensor upsample_nearest(Tensor x, long scale)
                {
                    var s = x.shape;
                    return Tensor.From(wf_upsample_nearest2d(x.H, s[2] * scale, s[3] * scale, out var r), r);
                }

                /// <summary>Resizes NCHW input by an integer <paramref name="scale_factor"/> (<c>F.interpolate</c>; only <c>mode: "nearest"</c>).</summary>
                /// <exception cref="ArgumentException">Another mode.</exception>
                public static Tensor interpolate(Tensor x, long scale_factor, string mode = "nearest")
                {
                    if (mode != "nearest") throw new ArgumentException($"interpolate mode '{mode}' is not supported; use \"nearest\".", nameof(mode));
                    return upsample_nearest(x, scale_factor);
                }

                /// <summary>Average pooling.</summary>
                public static Tensor avg_pool2d(Tensor x, long kernel, long stride) => Tensor.From(wf_avg_pool2d(x.H, kernel, stride, out var r), r);

                /// <summary>Batch normalisation (updates running stats in training mode).</summary>
                public static Tensor batch_norm(Tensor x, Tensor running_mean, Tensor running_var, Tensor weight = null, Tensor bias = null, bool training = false, double momentum = 0.1, double eps = 1e-5) =>
                    Tensor.From(wf_batch_norm(x.H, Opt(weight), Opt(bias), Opt(running_mean), Opt(running_var), training ? 1 : 0, momentum, eps, out var r), r);

                /// <summary>Layer normalisation over the trailing <paramref name="normalized_shape"/>.</summary>
                public static Tensor layer_norm(Tensor x, long[] normalized_shape, Tensor weight = null, Tensor bias = null, double eps = 1e-5)
                {
                    fixed (long* s = normalized_shape) return Tensor.From(wf_layer_norm(x.H, s, normalized_shape.Length, Opt(weight), Opt(bias), eps, out var r), r);
                }

                /// <summary>Group normalisation.</summary>
                public static Tensor group_norm(Tensor x, long num_groups, Tensor weight = null, Tensor bias = null, double eps = 1e-5) =>
                    Tensor.From(wf_group_norm(x.H, num_groups, Opt(weight), Opt(bias), eps, out var r), r);

                /// <summary>Instance normalisation.</summary>
                public static Tensor instance_norm(Tensor x, Tensor weight = null, Tensor bias = null, double eps = 1e-5) =>
                    Tensor.From(wf_instance_norm(x.H, Opt(weight), Opt(bias), eps, out var r), r);

                /// <summary>Mean binary cross-entropy on logits.</summary>
                public static Tensor binary_cross_entropy_with_logits(Tensor logits, Tensor target) => Tensor.From(wf_bce_with_logits(logits.H, target.H, out var r), r);

                /// <summary>ReLU.</summary>
                public static Tensor relu(Tensor x) => x.relu();
                /// <summary>Leaky ReLU.</summary>
                public static Tensor leaky_relu(Tensor x, double negative_slope = 0.01) => x.leaky_relu(negative_slope);
                /// <summary>Tanh.</summary>
                public static Tensor tanh(Tensor x) => x.tanh();
                /// <summary>Sigmoid.</summary>
                public static Tensor sigmoid(Tensor x) => x.sigmoid();
                /// <summary>Softplus.</summary>
                public static Tensor softplus(Tensor x, double beta = 1, double threshold = 20) => x.softplus(beta, threshold);
                /// <summary>ELU.</summary>
                public static Tensor elu(Tensor x, double alpha = 1) => x.elu(alpha);
            }
        }
    }
}
