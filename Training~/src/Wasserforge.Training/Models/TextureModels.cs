using System;
using TorchSharp.Modules;
using Wasserforge.Training.Config;
using static TorchSharp.torch.nn;

namespace Wasserforge.Training.Models
{
    /// <summary>
    /// Builds the <c>model.kind: texture</c> pair: a <see cref="TextureGenerator"/> (wrapped in a one-layer
    /// <see cref="TorchSharp.Modules.Sequential"/>, so the training loop, checkpoints and exporter take it as any generator) and a patch critic.
    /// </summary>
    public static class TextureModels
    {
        /// <summary>Local noise channels when the config leaves <c>model.noise_channels</c> out.</summary>
        public const int DefaultNoiseChannels = 8;

        /// <summary>The training crop size: <c>data.crop_size</c>, or <c>data.size</c> when unset.</summary>
        public static int CropSize(TrainConfig c) => c.Data.CropSize ?? c.Data.Size;

        /// <summary>Critic channels per stride-2 level: <c>min(max_width, width·2^i)</c> for i = 0, 1, 2.</summary>
        public static int[] CriticWidths(int width, int maxWidth) => new[] { Math.Min(maxWidth, width), Math.Min(maxWidth, width << 1), Math.Min(maxWidth, width << 2) };

        /// <summary>Builds both networks on the CPU (seed <c>torch.manual_seed</c> first for reproducible weights).</summary>
        /// <exception cref="ArgumentException">The config describes an impossible model.</exception>
        public static GanModels Create(TrainConfig config, int channels)
        {
            var m = config.Model;
            var crop = CropSize(config);
            var g = CreateGenerator(config, channels);
            var critic = PatchCritic(CriticWidths(m.Width, m.MaxWidth), channels, crop, m.CriticNorm);
            return new GanModels(g, critic, ((TextureGenerator)g[0]).TrainingLatentDim, new long[] { channels, crop, crop });
        }

        /// <summary>A new texture generator in its one-layer <see cref="TorchSharp.Modules.Sequential"/> (fresh weights from the default generator): also what the weight average keeps.</summary>
        public static TorchSharp.Modules.Sequential CreateGenerator(TrainConfig config, int channels)
        {
            var m = config.Model;
            return Sequential(new TextureGenerator(m.LatentDim, m.NoiseChannels ?? DefaultNoiseChannels, m.Width, m.MaxWidth, channels, CropSize(config)));
        }

        /// <summary>
        /// The patch critic: three 3×3 stride-2 convolutions (zero padding: a crop's edge is not a wrap edge) with LeakyReLU(0.2)
        /// and the configured norm after the second and third, a 3×3 convolution, a 1×1 convolution to one score per position
        /// (receptive field 31 px), and the mean over positions. No batch norm unless the config asks for it (never with WGAN-GP).
        /// </summary>
        static Sequential PatchCritic(int[] ch, int inChannels, int crop, string norm)
        {
            var s = Sequential(Conv2d(inChannels, ch[0], 3, stride: 2, padding: 1), new SlopeLeakyRelu(0.2));
            var res = (crop + 1) / 2;
            for (var i = 1; i < ch.Length; i++)
            {
                res = (res + 1) / 2;
                s.append(Conv2d(ch[i - 1], ch[i], 3, stride: 2, padding: 1));
                ModelFactory.AppendNorm(s, norm, ch[i], res);
                s.append(new SlopeLeakyRelu(0.2));
            }
            var last = ch[ch.Length - 1];
            return s.append(Conv2d(last, last, 3, stride: 1, padding: 1)).append(new SlopeLeakyRelu(0.2))
                .append(Conv2d(last, 1, 1)).append(AdaptiveAvgPool2d(1)).append(Flatten());
        }
    }
}
