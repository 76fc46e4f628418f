using System;
using System.Globalization;
using Wasserforge.Deterministic.Onnx;

namespace Wasserforge.Deterministic
{
    /// <summary>Builders of the weighted operators: Gemm, Conv and ConvTranspose (2-D, group 1, dilation 1, explicit pads).</summary>
    internal static class LinearBuilders
    {
        public static Operation Gemm(NodeReader node, GraphCompiler graph)
        {
            node.ExpectInputs(2, 3);
            var inShape = node.Shape(0, "A");
            if (inShape.Rank != 1) throw node.Refuse("A", $"input 0 (A) is shaped {inShape}; the deterministic device runs Gemm on [N, K].");
            var transA = node.Int("transA", 0);
            node.Require("transA", transA == 0, Text(transA), "transA = 0");
            var transB = node.Int("transB", 0);
            node.Require("transB", transB == 0 || transB == 1, Text(transB), "transB = 0 or 1");
            var alpha = node.Float("alpha", 1f);
            node.Require("alpha", alpha == 1f, Text(alpha), "alpha = 1");
            var beta = node.Float("beta", 1f);
            node.Require("beta", beta == 1f, Text(beta), "beta = 1");
            var b = node.Constant(1, "B", true);
            var k = inShape[0];
            if (b.Dims.Length != 2 || b.Dims[transB == 1 ? 1 : 0] != k)
                throw node.Refuse("B", $"input 1 (B) '{b.Name}' is shaped [{string.Join(", ", b.Dims)}]; with transB = {transB} and K = {k} it must be {(transB == 1 ? $"[M, {k}]" : $"[{k}, M]")}.");
            var m = (int)b.Dims[transB == 1 ? 0 : 1];
            var w = new float[m * k];
            for (var o = 0; o < m; o++)
                for (var t = 0; t < k; t++)
                    w[o * k + t] = transB == 1 ? b.Floats[o * k + t] : b.Floats[t * m + o];
            var bias = node.HasInput(2) ? Bias(node, 2, "C", m) : null;
            var q = Quantize(node, "B", new[] { w }, new[] { k }, m);
            var stage = new OutputStage(m, 1, q.Exponents, bias);
            var output = graph.NewSlot(new TensorShape(m));
            graph.RegisterStage(output, stage);
            return new GemmOperation(node.Node.Label, node.Slot(0, "A"), output, new PackedWeights(q.Values[0], m, k), stage);
        }

        public static Operation Conv(NodeReader node, GraphCompiler graph)
        {
            node.ExpectInputs(2, 3);
            var inShape = Image(node);
            var w = Weight(node);
            int outCh = (int)w.Dims[0], inCh = (int)w.Dims[1], kh = (int)w.Dims[2], kw = (int)w.Dims[3];
            if (inCh != inShape.Channels) throw node.Refuse("W", $"input 1 (W) '{w.Name}' expects {inCh} input channels; the input has {inShape.Channels}.");
            var g = Geometry(node, kh, kw);
            var outH = (inShape.Height + g.Top + g.Bottom - kh) / g.StrideH + 1;
            var outW = (inShape.Width + g.Left + g.Right - kw) / g.StrideW + 1;
            if (inShape.Height + g.Top + g.Bottom < kh || inShape.Width + g.Left + g.Right < kw)
                throw node.Refuse("kernel_shape", $"the {kh}×{kw} kernel is larger than the padded {inShape.Height}×{inShape.Width} input.");
            var bias = node.HasInput(2) ? Bias(node, 2, "B", outCh) : null;
            var taps = inCh * kh * kw;
            var q = Quantize(node, "W", new[] { w.Floats }, new[] { taps }, outCh);
            var outShape = new TensorShape(outCh, outH, outW);
            var stage = new OutputStage(outCh, outH * outW, q.Exponents, bias);
            var output = graph.NewSlot(outShape);
            graph.RegisterStage(output, stage);
            return new ConvOperation(node.Node.Label, node.Slot(0, "X"), output, inShape, outShape, new PackedWeights(q.Values[0], outCh, taps),
                stage, kh, kw, g.StrideH, g.StrideW, g.Top, g.Left);
        }

        public static Operation ConvTranspose(NodeReader node, GraphCompiler graph)
        {
            node.ExpectInputs(2, 3);
            var inShape = Image(node);
            var w = Weight(node);
            int inCh = (int)w.Dims[0], outCh = (int)w.Dims[1], kh = (int)w.Dims[2], kw = (int)w.Dims[3];
            if (inCh != inShape.Channels) throw node.Refuse("W", $"input 1 (W) '{w.Name}' expects {inCh} input channels; the input has {inShape.Channels}.");
            var g = Geometry(node, kh, kw);
            if (node.Ints("output_shape") != null) throw node.Refuse("output_shape", "attribute 'output_shape' is not supported by the deterministic device (give pads and output_padding).");
            var outPad = Pair(node, "output_padding", 0);
            node.Require("output_padding", outPad[0] >= 0 && outPad[1] >= 0 && outPad[0] < 64 && outPad[1] < 64, List(outPad), "output_padding from 0 to 63");
            var outH = (inShape.Height - 1) * g.StrideH - g.Top - g.Bottom + kh + (int)outPad[0];
            var outW = (inShape.Width - 1) * g.StrideW - g.Left - g.Right + kw + (int)outPad[1];
            if (outH < 1 || outW < 1) throw node.Refuse("pads", $"the output would be {outH}×{outW}.");
            var rows = ConvTransposeOperation.Phases(kh, g.StrideH, g.Top, outH);
            var cols = ConvTransposeOperation.Phases(kw, g.StrideW, g.Left, outW);
            var matrices = new float[rows.Length * cols.Length][];
            var taps = new int[matrices.Length];
            for (var py = 0; py < rows.Length; py++)
                for (var px = 0; px < cols.Length; px++)
                {
                    var p = py * cols.Length + px;
                    var ty = rows[py].Taps;
                    var tx = cols[px].Taps;
                    taps[p] = inCh * ty.Length * tx.Length;
                    var m = new float[outCh * taps[p]];
                    for (var co = 0; co < outCh; co++)
                    {
                        var t = 0;
                        for (var ci = 0; ci < inCh; ci++)
                            foreach (var ky in ty)
                                foreach (var kx in tx)
                                    m[co * taps[p] + t++] = w.Floats[((ci * outCh + co) * kh + ky) * kw + kx];
                    }
                    matrices[p] = m;
                }
            var bias = node.HasInput(2) ? Bias(node, 2, "B", outCh) : null;
            var q = Quantize(node, "W", matrices, taps, outCh);
            var packed = new PackedWeights[matrices.Length];
            for (var p = 0; p < packed.Length; p++) packed[p] = new PackedWeights(q.Values[p], outCh, taps[p]);
            var outShape = new TensorShape(outCh, outH, outW);
            var stage = new OutputStage(outCh, outH * outW, q.Exponents, bias);
            var output = graph.NewSlot(outShape);
            graph.RegisterStage(output, stage);
            return new ConvTransposeOperation(node.Node.Label, node.Slot(0, "X"), output, inShape, outShape, packed, stage, rows, cols);
        }

        struct Geometry2D { public int StrideH, StrideW, Top, Left, Bottom, Right; }

        static Geometry2D Geometry(NodeReader node, int kh, int kw)
        {
            var autoPad = node.String("auto_pad", "NOTSET");
            node.Require("auto_pad", autoPad == "NOTSET", $"'{autoPad}'", "explicit pads (auto_pad NOTSET)");
            var group = node.Int("group", 1);
            node.Require("group", group == 1, Text(group), "group = 1");
            var dilations = Pair(node, "dilations", 1);
            node.Require("dilations", dilations[0] == 1 && dilations[1] == 1, List(dilations), "dilations [1, 1]");
            var kernel = node.Ints("kernel_shape");
            if (kernel != null)
                node.Require("kernel_shape", kernel.Length == 2 && kernel[0] == kh && kernel[1] == kw, List(kernel), $"the weight's kernel [{kh}, {kw}]");
            var strides = Pair(node, "strides", 1);
            node.Require("strides", strides[0] >= 1 && strides[1] >= 1 && strides[0] <= 64 && strides[1] <= 64, List(strides), "strides from 1 to 64");
            var pads = node.Ints("pads") ?? new long[4];
            node.Require("pads", pads.Length == 4 && Array.TrueForAll(pads, p => p >= 0 && p <= 1024), List(pads), "four pads from 0 to 1024 [top, left, bottom, right]");
            return new Geometry2D { StrideH = (int)strides[0], StrideW = (int)strides[1], Top = (int)pads[0], Left = (int)pads[1], Bottom = (int)pads[2], Right = (int)pads[3] };
        }

        static long[] Pair(NodeReader node, string name, long fallback)
        {
            var v = node.Ints(name);
            if (v == null) return new[] { fallback, fallback };
            node.Require(name, v.Length == 2, List(v), $"two values for the 2-D {name}");
            return v;
        }

        static TensorShape Image(NodeReader node)
        {
            var s = node.Shape(0, "X");
            if (s.Rank != 3) throw node.Refuse("X", $"input 0 (X) is shaped {s}; the deterministic device runs 2-D convolutions on [N, C, H, W].");
            return s;
        }

        static OnnxTensor Weight(NodeReader node)
        {
            var w = node.Constant(1, "W", true);
            if (w.Dims.Length != 4) throw node.Refuse("W", $"input 1 (W) '{w.Name}' is shaped [{string.Join(", ", w.Dims)}]; the deterministic device runs 2-D kernels [*, *, kH, kW].");
            return w;
        }

        static float[] Bias(NodeReader node, int input, string role, int channels)
        {
            var b = node.Constant(input, role, true);
            if (b.ElementCount != channels)
                throw node.Refuse(role, $"input {input} ({role}) '{b.Name}' holds {b.ElementCount} values; the device expects one per output channel ({channels}).");
            foreach (var v in b.Floats)
                if (float.IsNaN(v) || float.IsInfinity(v)) throw node.Refuse(role, $"input {input} ({role}) '{b.Name}' holds {v}.");
            return b.Floats;
        }

        static WeightQuantizer.Result Quantize(NodeReader node, string role, float[][] matrices, int[] taps, int rows)
        {
            try { return WeightQuantizer.Quantize(matrices, taps, rows); }
            catch (ArgumentException e) { throw node.Refuse(role, $"the weights cannot be run: {e.Message}"); }
        }

        static string Text(long v) => v.ToString(CultureInfo.InvariantCulture);
        static string Text(float v) => v.ToString("R", CultureInfo.InvariantCulture);
        static string List(long[] v) => "[" + string.Join(", ", v) + "]";
    }
}
