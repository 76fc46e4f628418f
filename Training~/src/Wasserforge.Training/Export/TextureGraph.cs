using System;
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
    /// The ONNX graph of a <see cref="TextureGenerator"/>, contract version 2, kind <c>texture</c>: inputs <c>z</c> [batch, latent_dim]
    /// (the global code) and <c>noise</c> [batch, noise_channels, h, w] (h, w dynamic), output <c>image</c> [batch, C, 8h, 8w].
    /// The global code enters without broadcast operators: the stem is <c>Conv(noise) + Reshape(Gemm(z), [−1, C0, 1, 1])</c>, each
    /// conditional batch norm is the BN-folded Conv, then <c>Mul(x, Reshape(Gemm(z) + 1))</c> and <c>Add(·, Reshape(Gemm(z)))</c>
    /// (the +1 folded into the Gemm bias). Operators: Conv, Resize (nearest ×2), Slice + Concat (circular padding, valid for any H, W),
    /// Gemm, Reshape, Add, Mul, Relu, Tanh, Identity. The metadata (kind, noise channels, scale, halo, layout) comes from the
    /// model's <see cref="GeneratorDescription"/>, as for every generator.
    /// </summary>
    public static class TextureGraph
    {
        /// <summary>Builds the graph of <paramref name="generator"/> (eval mode: batch norm uses its running statistics).</summary>
        public static OnnxGraph Build(TextureGenerator generator, GeneratorDescription description)
        {
            var g = new OnnxGraph { Name = "texture_generator" };
            var z = g.Input(ModelContract.InputName, OnnxGraph.BatchDimension, (long)generator.GlobalDim);
            var noise = g.Input(ModelContract.NoiseInputName, OnnxGraph.BatchDimension, (long)generator.NoiseChannels, "noise_height", "noise_width");
            var (stemNoise, stemGlobal, stemNorm, stemFilm, blocks, toRgb) = generator.Layers;
            string x;
            using (no_grad())
            using (NewDisposeScope())
            {
                var bn = Affine(stemNorm);
                var conv = FoldedConv(g, "stem_noise", g.CircularPad(noise, 1), stemNoise, bn);
                var w = F(stemGlobal.weight);
                var b = F(stemGlobal.bias);
                // bn(conv + global) = (s·conv + t) + s·global: the shift t is folded into the Conv's bias only.
                BatchNormFolding.IntoGemm(w, b, new BatchNormParameters(bn.Gamma, bn.Beta, new float[bn.Channels], bn.Variance, bn.Epsilon));
                var global = g.Gemm(z, g.Constant("stem_global_weight", w, stemGlobal.weight.shape), g.Constant("stem_global_bias", b, b.Length));
                x = g.Add(conv, g.Reshape(global, -1, b.Length, 1, 1));
                x = g.Relu(Film(g, "stem_film", x, z, stemFilm, b.Length));
                for (var i = 0; i < blocks.Length; i++)
                {
                    var (up, c, norm, film) = blocks[i].Layers;
                    if (up is not null) x = g.Resize(x, 2, 2);
                    x = FoldedConv(g, $"block{i}_conv", g.CircularPad(x, 1), c, Affine(norm));
                    x = g.Relu(Film(g, $"block{i}_film", x, z, film, blocks[i].Channels));
                }
                x = g.Tanh(FoldedConv(g, "to_rgb", g.CircularPad(x, 1), toRgb, null));
            }
            g.Output(x, ModelContract.OutputName, OnnxGraph.BatchDimension, (long)description.Channels, "height", "width");
            return g;
        }

        static float[] F(Tensor t) => t.detach().to(ScalarType.Float32, CPU).contiguous().data<float>().ToArray();

        /// <summary>An affine-free batch norm's inference parameters (γ = 1, β = 0).</summary>
        static BatchNormParameters Affine(BatchNorm bn)
        {
            var mean = F(bn.running_mean);
            return new BatchNormParameters(Enumerable.Repeat(1f, mean.Length).ToArray(), new float[mean.Length], mean, F(bn.running_var), bn.eps);
        }

        /// <summary>A 3×3 stride-1 convolution on already padded <paramref name="x"/>, with <paramref name="bn"/> (if any) folded in.</summary>
        static string FoldedConv(OnnxGraph g, string name, string x, Conv2d conv, BatchNormParameters bn)
        {
            var shape = conv.weight.shape;
            var w = F(conv.weight);
            var b = F(conv.bias);
            if (bn != null) BatchNormFolding.IntoConv(w, b, bn);
            return g.Conv(x, g.Constant(name + "_weight", w, shape), g.Constant(name + "_bias", b, shape[0]), (int)shape[2]);
        }

        /// <summary>x·(1 + γ(z)) + β(z) from the FiLM Linear <paramref name="film"/> (rows: γ then β) as two Gemms, Reshape, Mul and Add.</summary>
        static string Film(OnnxGraph g, string name, string x, string z, Linear film, int channels)
        {
            var w = F(film.weight);
            var b = F(film.bias);
            var inDim = (int)film.weight.shape[1];
            var per = channels * inDim;
            var gammaBias = b.Take(channels).Select(v => v + 1f).ToArray();
            var gamma = g.Gemm(z, g.Constant(name + "_gamma_weight", w.AsSpan(0, per), channels, inDim), g.Constant(name + "_gamma_bias", gammaBias, channels));
            var beta = g.Gemm(z, g.Constant(name + "_beta_weight", w.AsSpan(per, per), channels, inDim), g.Constant(name + "_beta_bias", b.AsSpan(channels, channels), channels));
            return g.Add(g.Mul(x, g.Reshape(gamma, -1, channels, 1, 1)), g.Reshape(beta, -1, channels, 1, 1));
        }
    }
}
