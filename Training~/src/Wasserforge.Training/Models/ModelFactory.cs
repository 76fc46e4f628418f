using System;
using TorchSharp;
using TorchSharp.Modules;
using Wasserforge.Training.Config;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Wasserforge.Training.Models
{
    /// <summary>A generator and its critic, built from a config.</summary>
    public sealed class GanModels : IDisposable
    {
        /// <summary>Latent → sample.</summary>
        public Sequential Generator { get; }
        /// <summary>Sample → score.</summary>
        public Sequential Critic { get; }
        /// <summary>Latent length.</summary>
        public int LatentDim { get; }
        /// <summary>Per-sample output shape: [C, H, W] for images, [D] for points.</summary>
        public long[] SampleShape { get; }

        internal GanModels(Sequential g, Sequential c, int latent, long[] sampleShape)
        {
            Generator = g; Critic = c; LatentDim = latent; SampleShape = sampleShape;
        }

        /// <summary>True for image models (texture models included).</summary>
        public bool IsImage => SampleShape.Length == 3;

        /// <summary>The texture generator of a <c>kind: texture</c> model, else null.</summary>
        public TextureGenerator Texture => Generator.Count == 1 ? Generator[0] as TextureGenerator : null;

        /// <summary>The model-contract description of this generator (what the exporter writes as metadata).</summary>
        public Wasserforge.Contract.GeneratorDescription Describe(TrainConfig config, long steps, string createdBy) => new Wasserforge.Contract.GeneratorDescription
        {
            Kind = Texture != null ? Wasserforge.Contract.ModelContract.KindTexture : IsImage ? Wasserforge.Contract.ModelContract.KindImage : Wasserforge.Contract.ModelContract.KindPoints,
            NoiseChannels = Texture?.NoiseChannels ?? 0,
            NoiseScale = Texture?.NoiseScale ?? 0,
            NoiseHalo = Texture?.NoiseHalo ?? 0,
            NoiseLayout = Texture != null ? Wasserforge.Contract.ModelContract.NoiseLayoutWf1 : null,
            LatentDim = Texture?.GlobalDim ?? LatentDim,
            Channels = (int)SampleShape[0],
            Height = IsImage ? (int)SampleShape[1] : 0,
            Width = IsImage ? (int)SampleShape[2] : 0,
            Tileable = config.Model.Tileable || Texture != null,
            Dataset = config.Data.Source,
            Loss = config.Loss.Kind,
            Steps = steps,
            CreatedBy = createdBy,
        };

        /// <summary>Frees both networks.</summary>
        public void Dispose() { Generator.Dispose(); Critic.Dispose(); }
    }

    /// <summary>
    /// Builds the networks:
    /// <list type="bullet">
    /// <item><c>mlp</c> (toy data, as in the WGAN-GP toy experiments): <c>depth</c> hidden layers of <c>width</c> ReLU units in both networks.</item>
    /// <item><c>dcgan</c>: Linear → 4×4 → transposed 5×5 stride-2 convolutions doubling the resolution to <c>size</c>, batch norm + ReLU, tanh output;
    /// critic: 5×5 stride-2 convolutions halving to 4×4 with LeakyReLU(0.2) and the configured norm, then Linear → 1 (the WGAN-GP reference DCGAN pair).</item>
    /// <item><c>upsample: nearest</c>: each doubling is nearest ×2 + a 3×3 convolution (zero padding) instead of a transposed convolution (Odena et al. 2016).</item>
    /// <item><c>tileable: true</c>: the generator uses nearest upsampling + 3×3 convolutions with circular padding everywhere (a transposed
    /// convolution cannot pad circularly), so every generated image tiles seamlessly; the critic pads circularly too.</item>
    /// <item><c>convs_per_level: 2</c> (nearest or tileable): a second 3×3 convolution with batch norm and ReLU at each resolution from 8 px to half the output size.</item>
    /// <item><c>full_res_width: N</c> (nearest or tileable): a 3×3 convolution to N channels with batch norm and ReLU at full resolution
    /// before the output layer; <c>critic_full_res_width: N</c>: a 3×3 convolution to N channels with LeakyReLU(0.2) at full resolution
    /// before the critic's first stride-2 convolution. Without them each network has no nonlinearity at full resolution.</item>
    /// <item><c>texture</c>: the fully convolutional texture model of <see cref="TextureModels"/> (any output size, always tiles).</item>
    /// </list>
    /// </summary>
    public static class ModelFactory
    {
        /// <summary>The <c>model.kind</c> of the texture model (<see cref="TextureModels"/>).</summary>
        public const string TextureKind = "texture";

        /// <summary>
        /// Channel count at each resolution 4, 8, …, size/2: <c>width</c> at size/2, doubling per halving,
        /// capped at <c>maxWidth</c>. For size 64, width 64: [512, 256, 128, 64], the reference DCGAN.
        /// </summary>
        public static int[] Channels(int size, int width, int maxWidth)
        {
            var levels = (int)Math.Round(Math.Log(size / 4.0, 2));
            var ch = new int[levels];
            for (var i = 0; i < levels; i++) ch[i] = Math.Min(maxWidth, width << (levels - 1 - i));
            return ch;   // ch[i] at resolution 4·2^i
        }

        /// <summary>Builds both networks on the CPU with TorchSharp's <c>torch.nn</c> modules (seed the default generator first, <c>torch.manual_seed</c>, for reproducible weights).</summary>
        /// <exception cref="ArgumentException">The config describes an impossible model.</exception>
        public static GanModels Create(TrainConfig config, int channels)
        {
            var m = config.Model;
            if (m.Kind == TextureKind) return TextureModels.Create(config, channels);
            if (m.Kind == "mlp")
            {
                const int pointDim = 2;
                return new GanModels(Mlp(m.LatentDim, m.Width, m.Depth, pointDim), Mlp(pointDim, m.Width, m.Depth, 1), m.LatentDim, new long[] { pointDim });
            }
            var size = config.Data.Size;
            var g = CreateGenerator(config, channels);
            var c = DcganCritic(Channels(size, m.Width, m.MaxWidth), channels, m.CriticNorm, m.Tileable, m.CriticFullResWidth);
            return new GanModels(g, c, m.LatentDim, new long[] { channels, size, size });
        }

        /// <summary>A new generator of the shape <see cref="Create"/> builds (fresh weights from the default generator): what the weight average keeps.</summary>
        public static Sequential CreateGenerator(TrainConfig config, int channels)
        {
            var m = config.Model;
            if (m.Kind == TextureKind) return TextureModels.CreateGenerator(config, channels);
            if (m.Kind == "mlp") return Mlp(m.LatentDim, m.Width, m.Depth, channels);
            var ch = Channels(config.Data.Size, m.Width, m.MaxWidth);
            if (m.Tileable) return UpsampleGenerator(m.LatentDim, ch, channels, PaddingModes.Circular, m.FullResWidth, m.ConvsPerLevel);
            return m.Upsample == "nearest" ? UpsampleGenerator(m.LatentDim, ch, channels, PaddingModes.Zeros, m.FullResWidth, m.ConvsPerLevel) : DcganGenerator(m.LatentDim, ch, channels);
        }

        static Sequential Mlp(int input, int width, int depth, int output)
        {
            var s = Sequential();
            var prev = input;
            for (var i = 0; i < depth; i++) { s.append(Linear(prev, width)).append(ReLU()); prev = width; }
            return s.append(Linear(prev, output));
        }

        static Sequential Stem(int latent, int c0) =>
            Sequential(Linear(latent, 4 * 4 * c0), HeldScalarBatchNorm.Features(4 * 4 * c0), ReLU(), Unflatten(1, new long[] { c0, 4, 4 }));

        static Sequential DcganGenerator(int latent, int[] ch, int outChannels)
        {
            var s = Stem(latent, ch[0]);
            for (var i = 1; i < ch.Length; i++)
                s.append(ConvTranspose2d(ch[i - 1], ch[i], 5, stride: 2, padding: 2, output_padding: 1)).append(HeldScalarBatchNorm.Images(ch[i])).append(ReLU());
            return s.append(ConvTranspose2d(ch[ch.Length - 1], outChannels, 5, stride: 2, padding: 2, output_padding: 1)).append(Tanh());
        }

        static Upsample Double() => Upsample(scale_factor: new[] { 2.0, 2.0 }, mode: UpsampleMode.Nearest);

        /// <summary>
        /// Nearest ×2 + 3×3 convolution per level (<paramref name="convsPerLevel"/> of them below full resolution):
        /// circular padding (tileable) or zeros (<c>upsample: nearest</c>).
        /// </summary>
        static Sequential UpsampleGenerator(int latent, int[] ch, int outChannels, PaddingModes pad, int fullRes, int convsPerLevel)
        {
            var s = Stem(latent, ch[0]);
            for (var i = 1; i < ch.Length; i++)
            {
                s.append(Double());
                for (var k = 0; k < convsPerLevel; k++)
                    s.append(Conv2d(k == 0 ? ch[i - 1] : ch[i], ch[i], 3, stride: 1, padding: 1, padding_mode: pad)).append(HeldScalarBatchNorm.Images(ch[i])).append(ReLU());
            }
            s.append(Double());
            var last = ch[ch.Length - 1];
            if (fullRes > 0)
            {
                s.append(Conv2d(last, fullRes, 3, stride: 1, padding: 1, padding_mode: pad)).append(HeldScalarBatchNorm.Images(fullRes)).append(ReLU());
                last = fullRes;
            }
            return s.append(Conv2d(last, outChannels, 3, stride: 1, padding: 1, padding_mode: pad)).append(Tanh());
        }

        static Sequential DcganCritic(int[] ch, int inChannels, string norm, bool circular, int fullRes)
        {
            var pad = circular ? PaddingModes.Circular : PaddingModes.Zeros;
            var last = ch.Length - 1;
            var s = Sequential();
            if (fullRes > 0) { s.append(Conv2d(inChannels, fullRes, 3, stride: 1, padding: 1, padding_mode: pad)).append(new SlopeLeakyRelu(0.2)); inChannels = fullRes; }
            s.append(Conv2d(inChannels, ch[last], 5, stride: 2, padding: 2, padding_mode: pad)).append(new SlopeLeakyRelu(0.2));
            var res = 4 << last;
            for (var i = last; i >= 1; i--)
            {
                res /= 2;
                s.append(Conv2d(ch[i], ch[i - 1], 5, stride: 2, padding: 2, padding_mode: pad));
                AppendNorm(s, norm, ch[i - 1], res);
                s.append(new SlopeLeakyRelu(0.2));
            }
            return s.append(Flatten()).append(Linear(ch[0] * 4 * 4, 1));
        }

        internal static void AppendNorm(Sequential s, string norm, int channels, int res)
        {
            switch (norm)
            {
                case "layer": s.append(LayerNorm(new long[] { channels, res, res })); break;
                case "batch": s.append(HeldScalarBatchNorm.Images(channels)); break;
                case "none": break;
                default: throw new ArgumentException($"unknown critic norm '{norm}'");
            }
        }
    }
}
