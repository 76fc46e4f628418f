using System;
using Wasserforge.Torch.Native;
using static Wasserforge.Torch.Native.NativeMethods;

namespace Wasserforge.Torch
{
    public sealed unsafe partial class Tensor
    {
        static Tensor Binary(int op, Tensor a, Tensor b) => From(wf_binary(op, a.H, b.H, out var r), r);
        static Tensor Scalar(int op, Tensor a, double s) => From(wf_scalar_op(op, a.H, s, out var r), r);
        Tensor Unary(int op) => From(wf_unary(op, H, out var r), r);

        /// <summary>Elementwise sum.</summary>
        public static Tensor operator +(Tensor a, Tensor b) => Binary(0, a, b);
        /// <summary>Elementwise difference.</summary>
        public static Tensor operator -(Tensor a, Tensor b) => Binary(1, a, b);
        /// <summary>Elementwise product.</summary>
        public static Tensor operator *(Tensor a, Tensor b) => Binary(2, a, b);
        /// <summary>Elementwise quotient.</summary>
        public static Tensor operator /(Tensor a, Tensor b) => Binary(3, a, b);
        /// <summary>Adds a scalar.</summary>
        public static Tensor operator +(Tensor a, double s) => Scalar(0, a, s);
        /// <summary>Adds a scalar.</summary>
        public static Tensor operator +(double s, Tensor a) => Scalar(0, a, s);
        /// <summary>Subtracts a scalar.</summary>
        public static Tensor operator -(Tensor a, double s) => Scalar(1, a, s);
        /// <summary>Scalar minus tensor.</summary>
        public static Tensor operator -(double s, Tensor a) => Scalar(5, a, s);
        /// <summary>Multiplies by a scalar.</summary>
        public static Tensor operator *(Tensor a, double s) => Scalar(2, a, s);
        /// <summary>Multiplies by a scalar.</summary>
        public static Tensor operator *(double s, Tensor a) => Scalar(2, a, s);
        /// <summary>Divides by a scalar.</summary>
        public static Tensor operator /(Tensor a, double s) => Scalar(3, a, s);
        /// <summary>Scalar divided by tensor.</summary>
        public static Tensor operator /(double s, Tensor a) => Scalar(6, a, s);
        /// <summary>Negation.</summary>
        public static Tensor operator -(Tensor a) => a.Unary(0);

        /// <summary>Elementwise power.</summary>
        public Tensor pow(double exponent) => Scalar(4, this, exponent);
        /// <summary>Elementwise power.</summary>
        public Tensor pow(Tensor exponent) => Binary(4, this, exponent);
        /// <summary>Elementwise maximum.</summary>
        public Tensor maximum(Tensor other) => Binary(5, this, other);
        /// <summary>Elementwise minimum.</summary>
        public Tensor minimum(Tensor other) => Binary(6, this, other);
        /// <summary>Elementwise <c>this &gt; other</c> (bool).</summary>
        public Tensor gt(Tensor other) => Binary(7, this, other);
        /// <summary>Elementwise <c>this &lt; other</c> (bool).</summary>
        public Tensor lt(Tensor other) => Binary(8, this, other);
        /// <summary>Elementwise equality (bool).</summary>
        public Tensor eq(Tensor other) => Binary(9, this, other);
        /// <summary>eˣ.</summary>
        public Tensor exp() => Unary(1);
        /// <summary>Natural log.</summary>
        public Tensor log() => Unary(2);
        /// <summary>Square root.</summary>
        public Tensor sqrt() => Unary(3);
        /// <summary>Absolute value.</summary>
        public Tensor abs() => Unary(4);
        /// <summary>max(x, 0).</summary>
        public Tensor relu() => Unary(5);
        /// <summary>Hyperbolic tangent.</summary>
        public Tensor tanh() => Unary(6);
        /// <summary>Logistic sigmoid.</summary>
        public Tensor sigmoid() => Unary(7);
        /// <summary>x².</summary>
        public Tensor square() => Unary(8);
        /// <summary>Sign (−1, 0, 1).</summary>
        public Tensor sign() => Unary(9);
        /// <summary>A contiguous copy (or this tensor's storage when already contiguous).</summary>
        public Tensor contiguous() => Unary(10);
        /// <summary>Flattens every dimension after the first.</summary>
        public Tensor flatten_from_1() => Unary(11);
        /// <summary>log(sigmoid(x)), stable.</summary>
        public Tensor log_sigmoid() => Unary(12);
        /// <summary>Elementwise finiteness (bool).</summary>
        public Tensor isfinite() => Unary(13);
        /// <summary>1 / x.</summary>
        public Tensor reciprocal() => Unary(14);
        /// <summary>1 / √x.</summary>
        public Tensor rsqrt() => Unary(15);
        /// <summary>log(1 + x), accurate near 0.</summary>
        public Tensor log1p() => Unary(16);
        /// <summary>eˣ − 1, accurate near 0.</summary>
        public Tensor expm1() => Unary(17);
        /// <summary>Rounds down.</summary>
        public Tensor floor() => Unary(18);
        /// <summary>Rounds to nearest, ties to even.</summary>
        public Tensor round() => Unary(19);
        /// <summary>Rounds up.</summary>
        public Tensor ceil() => Unary(23);
        /// <summary>Cosine.</summary>
        public Tensor cos() => Unary(20);
        /// <summary>Sine.</summary>
        public Tensor sin() => Unary(21);
        /// <summary>Elementwise NOT (bool).</summary>
        public Tensor logical_not() => Unary(22);
        /// <summary>Leaky ReLU.</summary>
        public Tensor leaky_relu(double negative_slope = 0.01) => From(wf_leaky_relu(H, negative_slope, out var r), r);
        /// <summary>ELU.</summary>
        public Tensor elu(double alpha = 1.0) => From(wf_elu(H, alpha, out var r), r);
        /// <summary>Softplus.</summary>
        public Tensor softplus(double beta = 1.0, double threshold = 20.0) => From(wf_softplus(H, beta, threshold, out var r), r);
        /// <summary>Clamps into [min, max] (differentiable).</summary>
        public Tensor clamp(double min, double max) => From(wf_clamp(H, min, max, out var r), r);

        /// <summary>Clamps in place without recording history (weight clipping).</summary>
        public Tensor clamp_(double min, double max) { Shim.Check(wf_clamp_(H, min, max)); return this; }
        /// <summary>Copies <paramref name="src"/> into this tensor in place.</summary>
        public Tensor copy_(Tensor src) { Shim.Check(wf_copy_(H, src.H)); return this; }
        /// <summary>Fills in place.</summary>
        public Tensor fill_(double value) { Shim.Check(wf_fill_(H, value)); return this; }
        /// <summary>Multiplies in place.</summary>
        public Tensor mul_(double s) { Shim.Check(wf_mul_scalar_(H, s)); return this; }
        /// <summary>this += alpha · other, in place.</summary>
        public Tensor add_(Tensor other, double alpha = 1) { Shim.Check(wf_add_(H, other.H, alpha)); return this; }
        /// <summary>Fills with U(low, high) in place.</summary>
        public Tensor uniform_(double low, double high, Generator generator = null) { Shim.Check(wf_uniform_(H, low, high, generator?.H ?? IntPtr.Zero)); return this; }
        /// <summary>Fills with N(mean, std²) in place.</summary>
        public Tensor normal_(double mean = 0, double std = 1, Generator generator = null) { Shim.Check(wf_normal_(H, mean, std, generator?.H ?? IntPtr.Zero)); return this; }

        Tensor Reduce(int op, long[] dims, bool keepdim)
        {
            dims = dims ?? Array.Empty<long>();
            fixed (long* d = dims) return From(wf_reduce(op, H, d, dims.Length, keepdim ? 1 : 0, out var r), r);
        }

        /// <summary>Sum of all elements.</summary>
        public Tensor sum() => Reduce(0, null, false);
        /// <summary>Sum over <paramref name="dims"/>.</summary>
        public Tensor sum(long[] dims, bool keepdim = false) => Reduce(0, dims, keepdim);
        /// <summary>Mean of all elements.</summary>
        public Tensor mean() => Reduce(1, null, false);
        /// <summary>Mean over <paramref name="dims"/>.</summary>
        public Tensor mean(long[] dims, bool keepdim = false) => Reduce(1, dims, keepdim);
        /// <summary>Largest element.</summary>
        public Tensor max() => Reduce(2, null, false);
        /// <summary>Largest element over <paramref name="dims"/>.</summary>
        public Tensor amax(long[] dims, bool keepdim = false) => Reduce(2, dims, keepdim);
        /// <summary>Smallest element.</summary>
        public Tensor min() => Reduce(3, null, false);
        /// <summary>p-norm of all elements.</summary>
        public Tensor norm(double p = 2) => From(wf_norm(H, p, null, 0, 0, out var r), r);
        /// <summary>p-norm over <paramref name="dims"/>.</summary>
        public Tensor norm(long[] dims, double p = 2, bool keepdim = false)
        {
            fixed (long* d = dims) return From(wf_norm(H, p, d, dims.Length, keepdim ? 1 : 0, out var r), r);
        }
        /// <summary>True when every element is finite (no NaN or ±Inf).</summary>
        public bool all_finite() { Shim.Check(wf_all_finite(H, out var v)); return v != 0; }
        /// <summary>Matrix product.</summary>
        public Tensor matmul(Tensor other) => From(wf_matmul(H, other.H, out var r), r);
    }
}
