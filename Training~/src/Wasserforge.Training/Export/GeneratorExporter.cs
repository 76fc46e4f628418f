using System;
using System.Collections.Generic;
using System.Linq;
using Wasserforge.Contract;
using Wasserforge.Torch;
using Wasserforge.Torch.NN;
using Wasserforge.Training.Export.Onnx;

namespace Wasserforge.Training.Export
{
    /// <summary>The generator uses a layer the exporter cannot express in ONNX.</summary>
    public sealed class ExportException : WasserforgeException
    {
        /// <summary>Creates the exception.</summary>
        public ExportException(string message) : base(message) { }
    }

    /// <summary>
    /// Turns a trained generator (a <see cref="Sequential"/> of the engine's layers) into an ONNX graph
    /// that follows the model contract: input <c>z</c> [N, latent_dim], output <c>image</c>
    /// [N, C, H, W] (or [N, D] for points), opset <see cref="ModelContract.OpsetVersion"/>, batch norm
    /// folded into the preceding layer (inference statistics), circular padding as Slice + Concat.
    /// Operators used: Gemm, Reshape, ConvTranspose, Conv, Slice, Concat, Pad, Resize, Relu, LeakyRelu,
    /// Tanh, Sigmoid, Identity — all supported by ONNX Runtime and Unity's inference engine.
    /// </summary>
    public static class GeneratorExporter
    {
        /// <summary>Builds the ONNX graph of <paramref name="generator"/>.</summary>
        /// <exception cref="ExportException">A layer has no ONNX mapping.</exception>
        public static OnnxGraph BuildGraph(Sequential generator, GeneratorDescription description)
        {
            var g = new OnnxGraph();
            var x = g.Input(ModelContract.InputName, "N", (long)description.LatentDim);
            using (torch.no_grad())
            using (torch.NewDisposeScope())
            {
                var layers = generator.layers;
                for (var i = 0; i < layers.Count; i++)
                {
                    var bn = i + 1 < layers.Count ? layers[i + 1] as BatchNorm : null;
                    var folded = bn != null && (layers[i] is Linear || layers[i] is Conv2d || layers[i] is ConvTranspose2d);
                    x = Emit(g, layers[i], x, folded ? bn : null, i);
                    if (folded) i++;
                }
            }
            if (description.IsImage)
                g.Output(x, ModelContract.OutputName, "N", (long)description.Channels, (long)description.Height, (long)description.Width);
            else
                g.Output(x, ModelContract.OutputName, "N", (long)description.Channels);
            return g;
        }

        /// <summary>Exports <paramref name="generator"/> with the contract metadata to <paramref name="path"/> (atomic write).</summary>
        /// <exception cref="ExportException">A layer has no ONNX mapping.</exception>
        public static void Export(Sequential generator, GeneratorDescription description, string path)
        {
            var wasTraining = generator.training;
            generator.eval();
            try
            {
                var graph = BuildGraph(generator, description);
                OnnxModelWriter.Write(path, graph, ModelContract.OpsetVersion, description.ToMetadata(), description.CreatedBy ?? "wasserforge");
            }
            finally { generator.train(wasTraining); }
        }

        static float[] F(Tensor t) => t.to(ScalarType.Float32, Device.CPU).contiguous().data<float>();

        /// <summary>Scale s and shift t such that bn(y) = s·y + t per channel.</summary>
        static (Tensor scale, Tensor shift) BatchNormAffine(BatchNorm bn)
        {
            var scale = bn.weight / (bn.running_var + bn.eps).sqrt();
            var shift = bn.bias - bn.running_mean * scale;
            return (scale, shift);
        }

        static string Emit(OnnxGraph g, Module layer, string x, BatchNorm bn, int index)
        {
            var n = $"l{index}";
            switch (layer)
            {
                case Linear lin:
                {
                    var w = lin.weight;
                    var b = lin.bias ?? torch.zeros(new[] { w.size(0) });
                    if (bn != null)
                    {
                        var (s, t) = BatchNormAffine(bn);
                        w = w * s.reshape(-1, 1);
                        b = b * s + t;
                    }
                    var shape = w.shape;
                    return g.Add("Gemm", new[] { x, g.Constant(n + "_weight", F(w), shape), g.Constant(n + "_bias", F(b), shape[0]) }, OnnxAttribute.Int("transB", 1));
                }
                case ConvTranspose2d ct:
                {
                    var w = ct.weight;   // [in, out, k, k]
                    var b = ct.bias ?? torch.zeros(new[] { w.size(1) });
                    if (bn != null)
                    {
                        var (s, t) = BatchNormAffine(bn);
                        w = w * s.reshape(1, -1, 1, 1);
                        b = b * s + t;
                    }
                    var k = w.size(2);
                    return g.Add("ConvTranspose", new[] { x, g.Constant(n + "_weight", F(w), w.shape), g.Constant(n + "_bias", F(b), w.size(1)) },
                        OnnxAttribute.Ints("kernel_shape", k, k), OnnxAttribute.Ints("strides", ct.stride, ct.stride),
                        OnnxAttribute.Ints("pads", ct.padding, ct.padding, ct.padding, ct.padding),
                        OnnxAttribute.Ints("output_padding", ct.output_padding, ct.output_padding));
                }
                case Conv2d conv:
                {
                    var w = conv.weight;  // [out, in, k, k]
                    var b = conv.bias ?? torch.zeros(new[] { w.size(0) });
                    if (bn != null)
                    {
                        var (s, t) = BatchNormAffine(bn);
                        w = w * s.reshape(-1, 1, 1, 1);
                        b = b * s + t;
                    }
                    var p = conv.padding;
                    var input = x;
                    long pads = p;
                    if (p > 0 && conv.padding_mode == PaddingModes.Circular) { input = CircularPad(g, x, p); pads = 0; }
                    else if (p > 0 && conv.padding_mode != PaddingModes.Zeros)
                    {
                        var mode = conv.padding_mode == PaddingModes.Reflect ? "reflect" : "edge";
                        input = g.Add("Pad", new[] { x, g.ConstantInt64(n + "_pads", 0, 0, p, p, 0, 0, p, p) }, OnnxAttribute.String("mode", mode));
                        pads = 0;
                    }
                    var k = w.size(2);
                    return g.Add("Conv", new[] { input, g.Constant(n + "_weight", F(w), w.shape), g.Constant(n + "_bias", F(b), w.size(0)) },
                        OnnxAttribute.Ints("kernel_shape", k, k), OnnxAttribute.Ints("strides", conv.stride, conv.stride),
                        OnnxAttribute.Ints("pads", pads, pads, pads, pads));
                }
                case BatchNorm lone:
                {
                    // A batch norm not after a foldable layer: y = s·x + t as Mul + Add (broadcast per channel or feature).
                    var (s, t) = BatchNormAffine(lone);
                    var c = s.size(0);
                    var shape = new long[] { c, 1, 1 };
                    var mul = g.Add("Mul", new[] { x, g.Constant(n + "_scale", F(s), shape) });
                    return g.Add("Add", new[] { mul, g.Constant(n + "_shift", F(t), shape) });
                }
                case Unflatten u:
                    return g.Add("Reshape", new[] { x, g.ConstantInt64(n + "_shape", new long[] { -1 }.Concat(u.shape).ToArray()) });
                case Flatten _:
                    return g.Add("Flatten", new[] { x }, OnnxAttribute.Int("axis", 1));
                case Upsample up:
                {
                    var scales = g.Constant(n + "_scales", new float[] { 1, 1, up.scale_factor, up.scale_factor }, 4);
                    // asymmetric + floor = PyTorch's 'nearest'.
                    return g.Add("Resize", new[] { x, "", scales },
                        OnnxAttribute.String("mode", "nearest"), OnnxAttribute.String("coordinate_transformation_mode", "asymmetric"),
                        OnnxAttribute.String("nearest_mode", "floor"));
                }
                case ReLU _: return g.Add("Relu", new[] { x });
                case LeakyReLU lr: return g.Add("LeakyRelu", new[] { x }, OnnxAttribute.Float("alpha", (float)lr.negative_slope));
                case Tanh _: return g.Add("Tanh", new[] { x });
                case Sigmoid _: return g.Add("Sigmoid", new[] { x });
                default:
                    throw new ExportException($"layer {index} ({layer.GetType().Name}) has no ONNX export.");
            }
        }

        /// <summary>Wraps <paramref name="p"/> pixels around both spatial axes: Slice the far edge, Concat it before, and the near edge after.</summary>
        static string CircularPad(OnnxGraph g, string x, long p)
        {
            foreach (var axis in new long[] { 3, 2 })
            {
                var ax = g.ConstantInt64("axis", axis);
                var tail = g.Add("Slice", new[] { x, g.ConstantInt64("start", -p), g.ConstantInt64("end", long.MaxValue), ax });
                var head = g.Add("Slice", new[] { x, g.ConstantInt64("start", 0), g.ConstantInt64("end", p), ax });
                x = g.Add("Concat", new[] { tail, x, head }, OnnxAttribute.Int("axis", axis));
            }
            return x;
        }
    }
}
