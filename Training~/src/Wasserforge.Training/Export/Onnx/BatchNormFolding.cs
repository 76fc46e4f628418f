using System;

namespace Wasserforge.Training.Export.Onnx
{
    /// <summary>A batch norm layer's inference parameters: γ, β, running mean and variance, ε.</summary>
    public sealed class BatchNormParameters
    {
        /// <summary>Per-channel scale γ.</summary>
        public float[] Gamma { get; }
        /// <summary>Per-channel shift β.</summary>
        public float[] Beta { get; }
        /// <summary>Running mean μ.</summary>
        public float[] Mean { get; }
        /// <summary>Running variance σ².</summary>
        public float[] Variance { get; }
        /// <summary>ε added to the variance.</summary>
        public double Epsilon { get; }
        /// <summary>Channels (features).</summary>
        public int Channels => Gamma.Length;

        /// <summary>Creates the parameters.</summary>
        /// <exception cref="ArgumentException">The arrays are null, empty or of different lengths, or ε is negative.</exception>
        public BatchNormParameters(float[] gamma, float[] beta, float[] mean, float[] variance, double epsilon = 1e-5)
        {
            if (gamma == null || beta == null || mean == null || variance == null || gamma.Length == 0)
                throw new ArgumentException("batch norm needs gamma, beta, mean and variance.");
            if (beta.Length != gamma.Length || mean.Length != gamma.Length || variance.Length != gamma.Length)
                throw new ArgumentException($"batch norm arrays differ in length (gamma {gamma.Length}, beta {beta.Length}, mean {mean.Length}, variance {variance.Length}).");
            if (!(epsilon >= 0)) throw new ArgumentException($"epsilon {epsilon} must not be negative.");
            Gamma = gamma; Beta = beta; Mean = mean; Variance = variance; Epsilon = epsilon;
        }

        /// <summary>
        /// The affine form y = s·x + t of the layer in inference mode: s = γ/√(σ² + ε), t = β − s·μ
        /// (computed in double, rounded to float once).
        /// </summary>
        public (float[] scale, float[] shift) Affine()
        {
            var s = new float[Channels];
            var t = new float[Channels];
            for (var c = 0; c < Channels; c++)
            {
                var scale = Gamma[c] / Math.Sqrt(Variance[c] + Epsilon);
                s[c] = (float)scale;
                t[c] = (float)(Beta[c] - scale * Mean[c]);
            }
            return (s, t);
        }
    }

    /// <summary>
    /// Folds an inference-mode batch norm that follows a Gemm, Conv or ConvTranspose into that layer's
    /// weight and bias, in place: bn(W·x + b) = (s·W)·x + (s·b + t) per output channel. The weight
    /// layouts are PyTorch's: Linear [out, in], Conv [out, in, kH, kW], ConvTranspose [in, out, kH, kW].
    /// </summary>
    public static class BatchNormFolding
    {
        /// <summary>Folds into a Linear/Gemm weight [out, in] (Gemm with transB = 1) and bias [out].</summary>
        /// <exception cref="ArgumentException">Shapes do not match the batch norm's channel count.</exception>
        public static void IntoGemm(float[] weight, float[] bias, BatchNormParameters bn) => IntoOutputMajor(weight, bias, bn, "Gemm");

        /// <summary>Folds into a Conv weight [out, in, kH, kW] and bias [out].</summary>
        /// <exception cref="ArgumentException">Shapes do not match the batch norm's channel count.</exception>
        public static void IntoConv(float[] weight, float[] bias, BatchNormParameters bn) => IntoOutputMajor(weight, bias, bn, "Conv");

        /// <summary>
        /// Folds into a ConvTranspose weight [in, out, kH, kW] and bias [out]: the output channel is the
        /// second axis, so each [kH, kW] block of output channel o is scaled by s[o].
        /// </summary>
        /// <param name="weight">The weight, modified in place.</param>
        /// <param name="bias">The bias [out], modified in place (pass zeros when the layer has none).</param>
        /// <param name="bn">The batch norm that follows the layer.</param>
        /// <param name="inChannels">Input channels (the weight's first axis).</param>
        /// <exception cref="ArgumentException">Shapes do not match the batch norm's channel count.</exception>
        public static void IntoConvTranspose(float[] weight, float[] bias, BatchNormParameters bn, int inChannels)
        {
            Check(weight, bias, bn, "ConvTranspose");
            var outChannels = bn.Channels;
            if (inChannels < 1 || weight.Length % ((long)inChannels * outChannels) != 0)
                throw new ArgumentException($"ConvTranspose weight of {weight.Length} values is not [{inChannels}, {outChannels}, kH, kW].");
            var block = weight.Length / (inChannels * outChannels);
            var (s, t) = bn.Affine();
            for (var i = 0; i < inChannels; i++)
                for (var o = 0; o < outChannels; o++)
                {
                    var start = (i * outChannels + o) * block;
                    for (var k = 0; k < block; k++) weight[start + k] *= s[o];
                }
            FoldBias(bias, s, t);
        }

        static void IntoOutputMajor(float[] weight, float[] bias, BatchNormParameters bn, string layer)
        {
            Check(weight, bias, bn, layer);
            var block = weight.Length / bn.Channels;
            var (s, t) = bn.Affine();
            for (var o = 0; o < bn.Channels; o++)
                for (var k = 0; k < block; k++) weight[o * block + k] *= s[o];
            FoldBias(bias, s, t);
        }

        static void Check(float[] weight, float[] bias, BatchNormParameters bn, string layer)
        {
            if (weight == null || bias == null || bn == null) throw new ArgumentException($"{layer}: weight, bias and batch norm are required.");
            if (bias.Length != bn.Channels)
                throw new ArgumentException($"{layer}: bias has {bias.Length} values but the batch norm has {bn.Channels} channels.");
            if (weight.Length == 0 || weight.Length % bn.Channels != 0)
                throw new ArgumentException($"{layer}: weight of {weight.Length} values does not split into {bn.Channels} output channels.");
        }

        static void FoldBias(float[] bias, float[] s, float[] t)
        {
            for (var o = 0; o < bias.Length; o++) bias[o] = (float)((double)bias[o] * s[o] + t[o]);
        }
    }
}
