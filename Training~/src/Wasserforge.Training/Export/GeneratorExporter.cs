using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using Wasserforge.Contract;
using Wasserforge.Training.Export.Onnx;
using Wasserforge.Training.Models;
using static TorchSharp.torch;

namespace Wasserforge.Training.Export
{
    /// <summary>
    /// Turns a trained generator (a TorchSharp <see cref="Sequential"/> of <c>torch.nn</c> layers) into an ONNX graph
    /// that follows the model contract: input <c>z</c> [batch, latent_dim], output <c>image</c>
    /// [batch, C, H, W] (or [batch, D] for points), opset <see cref="ModelContract.OpsetVersion"/>, batch norm
    /// folded into the preceding layer (inference statistics), circular padding as Slice + Concat.
    /// Operators used: Gemm, Reshape, ConvTranspose, Conv, Slice, Concat, Pad, Resize, Relu, LeakyRelu,
    /// Tanh, Sigmoid, Identity — all supported by ONNX Runtime and Unity's inference engine.
    /// A texture generator (<c>model.kind: texture</c>) is exported by <see cref="TextureGraph"/> (contract version 2).
    /// </summary>
    public static class GeneratorExporter
    {
        /// <summary>Builds the ONNX graph of <paramref name="generator"/>.</summary>
        /// <exception cref="ExportException">A layer has no ONNX mapping.</exception>
        public static OnnxGraph BuildGraph(Sequential generator, GeneratorDescription description)
        {
            if (TextureOf(generator) is TextureGenerator texture) return TextureGraph.Build(texture, description);
            var g = new OnnxGraph();
            var x = g.Input(ModelContract.InputName, OnnxGraph.BatchDimension, (long)description.LatentDim);
            using (no_grad())
            using (NewDisposeScope())
            {
                var layers = generator.children().ToList();
                for (var i = 0; i < layers.Count; i++)
                {
                    var bn = i + 1 < layers.Count ? layers[i + 1] as BatchNorm : null;
                    var folded = bn != null && (layers[i] is Linear || layers[i] is Conv2d || layers[i] is ConvTranspose2d);
                    x = Emit(g, layers[i], x, folded ? bn : null, i);
                    if (folded) i++;
                }
            }
            if (description.IsImage)
                g.Output(x, ModelContract.OutputName, OnnxGraph.BatchDimension, (long)description.Channels, (long)description.Height, (long)description.Width);
            else
                g.Output(x, ModelContract.OutputName, OnnxGraph.BatchDimension, (long)description.Channels);
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

        /// <summary>The texture generator of a <c>kind: texture</c> model (a one-layer Sequential), else null.</summary>
        static TextureGenerator TextureOf(Sequential generator) => generator.Count == 1 ? generator[0] as TextureGenerator : null;

        static float[] F(Tensor t) => t.detach().to(ScalarType.Float32, CPU).contiguous().data<float>().ToArray();

        static BatchNormParameters Parameters(BatchNorm bn) =>
            new BatchNormParameters(F(bn.weight), F(bn.bias), F(bn.running_mean), F(bn.running_var), bn.eps);

        static float[] BiasOrZeros(Tensor bias, long count) => bias is not null ? F(bias) : new float[count];

        static string Emit(OnnxGraph g, nn.Module layer, string x, BatchNorm bn, int index)
        {
            var n = $"l{index}";
            switch (layer)
            {
                case Linear lin:
                {
                    var shape = lin.weight.shape;                               // [out, in]
                    var w = F(lin.weight);
                    var b = BiasOrZeros(lin.bias, shape[0]);
                    if (bn != null) BatchNormFolding.IntoGemm(w, b, Parameters(bn));
                    return g.Gemm(x, g.Constant(n + "_weight", w, shape), g.Constant(n + "_bias", b, shape[0]));
                }
                case ConvTranspose2d ct:
                {
                    var shape = ct.weight.shape;                                // [in, out, k, k]
                    var w = F(ct.weight);
                    var b = BiasOrZeros(ct.bias, shape[1]);
                    if (bn != null) BatchNormFolding.IntoConvTranspose(w, b, Parameters(bn), (int)shape[0]);
                    return g.ConvTranspose(x, g.Constant(n + "_weight", w, shape), g.Constant(n + "_bias", b, shape[1]),
                        (int)shape[2], (int)Square(ct.stride, "stride", index), (int)Square(ct.padding, "padding", index), (int)Square(ct.output_padding, "output padding", index));
                }
                case Conv2d conv:
                {
                    var shape = conv.weight.shape;                              // [out, in, k, k]
                    var w = F(conv.weight);
                    var b = BiasOrZeros(conv.bias, shape[0]);
                    if (bn != null) BatchNormFolding.IntoConv(w, b, Parameters(bn));
                    var p = (int)Square(conv.padding, "padding", index);
                    var input = x;
                    var pads = p;
                    if (p > 0 && conv.padding_mode == PaddingModes.Circular) { input = g.CircularPad(x, p); pads = 0; }
                    else if (p > 0 && conv.padding_mode != PaddingModes.Zeros)
                    {
                        input = g.Pad(x, p, p, p, p, conv.padding_mode == PaddingModes.Reflect ? "reflect" : "edge");
                        pads = 0;
                    }
                    return g.Conv(input, g.Constant(n + "_weight", w, shape), g.Constant(n + "_bias", b, shape[0]),
                        (int)shape[2], (int)Square(conv.stride, "stride", index), pads);
                }
                case BatchNorm lone:
                {
                    // A batch norm not after a foldable layer: y = s·x + t as Mul + Add (broadcast per channel).
                    var (s, t) = Parameters(lone).Affine();
                    var shape = new long[] { s.Length, 1, 1 };
                    return g.Add(g.Mul(x, g.Constant(n + "_scale", s, shape)), g.Constant(n + "_shift", t, shape));
                }
                case Unflatten u:
                    return g.Reshape(x, new long[] { -1 }.Concat(u.unflattened_size).ToArray());
                case Flatten _:
                    return g.Add("Flatten", new[] { x }, OnnxAttribute.Int("axis", 1));
                case Upsample up when up.mode == UpsampleMode.Nearest && up.scale_factor.Length == 2 && up.scale_factor[0] % 1 == 0 && up.scale_factor[1] % 1 == 0:
                    return g.Resize(x, (int)up.scale_factor[0], (int)up.scale_factor[1]);
                case ReLU _: return g.Relu(x);
                case LeakyReLU lr: return g.LeakyRelu(x, (float)lr.negative_slope);
                case Tanh _: return g.Tanh(x);
                case Sigmoid _: return g.Sigmoid(x);
                default:
                    throw new ExportException($"layer {index} ({layer.GetType().Name}) has no ONNX export.");
            }
        }

        /// <summary>The single value of a per-axis setting that must be the same on both axes (as the models build it).</summary>
        static long Square(long[] values, string what, int index)
        {
            if (values == null || values.Length == 0 || values.Any(v => v != values[0]))
                throw new ExportException($"layer {index}: {what} [{string.Join(", ", values ?? Array.Empty<long>())}] differs between axes; only square settings export.");
            return values[0];
        }
    }
}
