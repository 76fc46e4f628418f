using System;

namespace Wasserforge.Training.Export.Onnx
{
    /// <summary>
    /// Typed helpers for the operators the exporter may use: each one exists in opset 13, runs in ONNX
    /// Runtime and is supported by Unity's inference engine (Sentis). Every helper adds one node (or a
    /// few, for <see cref="CircularPad"/>) and returns the name of its output value.
    /// </summary>
    public sealed partial class OnnxGraph
    {
        /// <summary>Name of the symbolic batch dimension of the model's input and output.</summary>
        public const string BatchDimension = "batch";

        /// <summary>Padding modes of <see cref="Pad"/> that both ONNX Runtime and Sentis run at opset 13.</summary>
        public static readonly string[] PadModes = { "constant", "reflect", "edge" };

        /// <summary>Y = alpha·A'·B' + beta·C, where B' is Bᵀ when <paramref name="transB"/> (PyTorch's Linear layout [out, in]).</summary>
        public string Gemm(string a, string b, string c, bool transB = true, float alpha = 1f, float beta = 1f)
        {
            var attrs = new System.Collections.Generic.List<OnnxAttribute>();
            if (transB) attrs.Add(OnnxAttribute.Int("transB", 1));
            if (alpha != 1f) attrs.Add(OnnxAttribute.Float("alpha", alpha));
            if (beta != 1f) attrs.Add(OnnxAttribute.Float("beta", beta));
            return Add("Gemm", c == null ? new[] { a, b } : new[] { a, b, c }, attrs.ToArray());
        }

        /// <summary>Matrix product with NumPy broadcasting.</summary>
        public string MatMul(string a, string b) => Add("MatMul", new[] { a, b });

        /// <summary>Element-wise sum with NumPy broadcasting (the ONNX <c>Add</c> operator).</summary>
        public string Add(string a, string b) => Add("Add", new[] { a, b });

        /// <summary>Element-wise product with NumPy broadcasting.</summary>
        public string Mul(string a, string b) => Add("Mul", new[] { a, b });

        /// <summary>
        /// 2-D convolution of NCHW <paramref name="x"/> with weight [Cout, Cin, k, k] and optional bias [Cout]
        /// (null for none), square kernel, equal stride and zero padding on all sides.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">kernel or stride below 1, or pad below 0.</exception>
        public string Conv(string x, string weight, string bias, int kernel, int stride = 1, int pad = 0)
        {
            CheckGeometry(kernel, stride, pad);
            return Add("Conv", bias == null ? new[] { x, weight } : new[] { x, weight, bias },
                OnnxAttribute.Ints("kernel_shape", kernel, kernel), OnnxAttribute.Ints("strides", stride, stride),
                OnnxAttribute.Ints("pads", pad, pad, pad, pad));
        }

        /// <summary>
        /// 2-D transposed convolution with weight [Cin, Cout, k, k] (PyTorch's layout) and optional bias [Cout].
        /// Output size = (in − 1)·stride − 2·pad + kernel + outputPadding, as in PyTorch.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">Geometry out of range, or outputPadding not below stride.</exception>
        public string ConvTranspose(string x, string weight, string bias, int kernel, int stride = 1, int pad = 0, int outputPadding = 0)
        {
            CheckGeometry(kernel, stride, pad);
            if (outputPadding < 0 || outputPadding >= stride)
                throw new ArgumentOutOfRangeException(nameof(outputPadding), $"output padding {outputPadding} must be in [0, stride {stride}).");
            return Add("ConvTranspose", bias == null ? new[] { x, weight } : new[] { x, weight, bias },
                OnnxAttribute.Ints("kernel_shape", kernel, kernel), OnnxAttribute.Ints("strides", stride, stride),
                OnnxAttribute.Ints("pads", pad, pad, pad, pad), OnnxAttribute.Ints("output_padding", outputPadding, outputPadding));
        }

        /// <summary>
        /// Nearest-neighbour upsampling of NCHW by integer factors, matching PyTorch's <c>nearest</c>
        /// (coordinate_transformation_mode asymmetric, nearest_mode floor).
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">A factor below 1.</exception>
        public string Resize(string x, int scaleH, int scaleW)
        {
            if (scaleH < 1 || scaleW < 1) throw new ArgumentOutOfRangeException(nameof(scaleH), "scale factors must be at least 1.");
            var scales = Constant("scales", new float[] { 1, 1, scaleH, scaleW }, 4);
            return Add("Resize", new[] { x, "", scales },
                OnnxAttribute.String("mode", "nearest"), OnnxAttribute.String("coordinate_transformation_mode", "asymmetric"),
                OnnxAttribute.String("nearest_mode", "floor"));
        }

        /// <summary>
        /// Pads NCHW <paramref name="x"/> spatially: <paramref name="mode"/> is <c>constant</c> (with
        /// <paramref name="value"/>), <c>reflect</c> (mirror without repeating the edge) or <c>edge</c>.
        /// For wrap-around padding use <see cref="CircularPad"/>.
        /// </summary>
        /// <exception cref="ArgumentException">Unknown mode or negative padding.</exception>
        public string Pad(string x, int top, int left, int bottom, int right, string mode = "constant", float value = 0f)
        {
            if (Array.IndexOf(PadModes, mode) < 0) throw new ArgumentException($"pad mode '{mode}' is not one of {string.Join(", ", PadModes)}; use CircularPad for wrap-around.", nameof(mode));
            if (top < 0 || left < 0 || bottom < 0 || right < 0) throw new ArgumentException("padding must not be negative.");
            var pads = ConstantInt64("pads", 0, 0, top, left, 0, 0, bottom, right);
            var inputs = mode == "constant" ? new[] { x, pads, Constant("pad_value", new[] { value }) } : new[] { x, pads };
            return Add("Pad", inputs, OnnxAttribute.String("mode", mode));
        }

        /// <summary>Slices <paramref name="x"/> along <paramref name="axes"/> from starts (inclusive) to ends (exclusive); negative indices count from the end.</summary>
        /// <exception cref="ArgumentException">The arrays differ in length.</exception>
        public string Slice(string x, long[] starts, long[] ends, long[] axes)
        {
            if (starts.Length != ends.Length || starts.Length != axes.Length) throw new ArgumentException("starts, ends and axes must have the same length.");
            return Add("Slice", new[] { x, ConstantInt64("starts", starts), ConstantInt64("ends", ends), ConstantInt64("axes", axes) });
        }

        /// <summary>Concatenates <paramref name="inputs"/> along <paramref name="axis"/>.</summary>
        public string Concat(long axis, params string[] inputs) => Add("Concat", inputs, OnnxAttribute.Int("axis", axis));

        /// <summary>
        /// Wrap-around padding of NCHW <paramref name="x"/> by <paramref name="pad"/> pixels on every side,
        /// as PyTorch's <c>padding_mode='circular'</c>: on W, then on H, the last <paramref name="pad"/>
        /// columns (rows) are sliced off and concatenated before, the first ones after. Built from Slice +
        /// Concat because Pad's <c>wrap</c> mode needs opset 19. Needs pad ≤ the spatial size.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="pad"/> is negative.</exception>
        public string CircularPad(string x, int pad)
        {
            if (pad < 0) throw new ArgumentOutOfRangeException(nameof(pad), "padding must not be negative.");
            if (pad == 0) return x;
            foreach (var axis in new long[] { 3, 2 })
            {
                var tail = Slice(x, new long[] { -pad }, new[] { long.MaxValue }, new[] { axis });
                var head = Slice(x, new long[] { 0 }, new long[] { pad }, new[] { axis });
                x = Concat(axis, tail, x, head);
            }
            return x;
        }

        /// <summary>max(x, 0).</summary>
        public string Relu(string x) => Add("Relu", new[] { x });

        /// <summary>x for x ≥ 0, <paramref name="alpha"/>·x below.</summary>
        public string LeakyRelu(string x, float alpha) => Add("LeakyRelu", new[] { x }, OnnxAttribute.Float("alpha", alpha));

        /// <summary>Hyperbolic tangent.</summary>
        public string Tanh(string x) => Add("Tanh", new[] { x });

        /// <summary>Logistic sigmoid.</summary>
        public string Sigmoid(string x) => Add("Sigmoid", new[] { x });

        /// <summary>Reshapes to <paramref name="shape"/> (−1 infers one dimension, 0 copies the input's).</summary>
        public string Reshape(string x, params long[] shape) => Add("Reshape", new[] { x, ConstantInt64("shape", shape) });

        /// <summary>Permutes the axes by <paramref name="perm"/>.</summary>
        public string Transpose(string x, params long[] perm) => Add("Transpose", new[] { x }, OnnxAttribute.Ints("perm", perm));

        static void CheckGeometry(int kernel, int stride, int pad)
        {
            if (kernel < 1) throw new ArgumentOutOfRangeException(nameof(kernel), $"kernel {kernel} must be at least 1.");
            if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), $"stride {stride} must be at least 1.");
            if (pad < 0) throw new ArgumentOutOfRangeException(nameof(pad), $"padding {pad} must not be negative.");
        }
    }
}
