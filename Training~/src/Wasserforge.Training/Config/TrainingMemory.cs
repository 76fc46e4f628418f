using System;
using System.Globalization;
using Wasserforge.Training.Models;
using Wasserforge.Training.Data;

namespace Wasserforge.Training.Config
{
    /// <summary>
    /// An upper bound on the memory a training run takes, from its config alone: the two networks' weights,
    /// gradients and optimizer state (with the copies a checkpoint makes), and the activations of one batch
    /// (the WGAN-GP critic step holds real, fake and interpolated batches through a double backward pass,
    /// and a convolution's unfolded input). Checked before anything is built, so a config that cannot fit
    /// is refused with the numbers and the largest value that fits, instead of failing inside libtorch
    /// ("[enforce fail at alloc_cpu.cpp]") or being killed by the system when memory runs out.
    /// The counts follow <see cref="ModelFactory"/>'s networks exactly (TrainingMemoryTests compare them
    /// with built models); the factors were fitted with margin to the peak memory of CPU training steps
    /// (docs/reliability.md).
    /// </summary>
    public sealed class TrainingMemory
    {
        /// <summary>Trainable parameters of generator and critic together.</summary>
        public long Parameters { get; private set; }
        /// <summary>Bytes for weights, gradients, optimizer state and their checkpoint copies (independent of the batch).</summary>
        public double ModelBytes { get; private set; }
        /// <summary>Bytes of activations (and the real batch) per sample of a batch.</summary>
        public double BytesPerSample { get; private set; }
        /// <summary>Bytes of the dataset held in memory, when the config tells (the procedural set; an image folder's size is known once it is read).</summary>
        public double DataBytes { get; private set; }
        /// <summary>Samples per batch (<c>training.batch_size</c>).</summary>
        public int BatchSize { get; private set; }
        /// <summary>The whole bound: <see cref="ModelBytes"/> + <see cref="DataBytes"/> + <see cref="BatchSize"/> × <see cref="BytesPerSample"/>.</summary>
        public double TotalBytes => ModelBytes + DataBytes + BatchSize * BytesPerSample;

        /// <summary>The estimate for <paramref name="c"/> (a config with defaults applied).</summary>
        public static TrainingMemory Estimate(TrainConfig c)
        {
            var m = c.Model;
            long parameters, buffers, averaged = 0;   // averaged: the generator's weight average (training.ema), kept and checkpointed
            double generator, critic, unfolded, input;
            if (m.Kind == "mlp")
            {
                parameters = Mlp(m.LatentDim, m.Width, m.Depth, 2) + Mlp(2, m.Width, m.Depth, 1);
                buffers = 0;
                generator = 2.0 * m.Width * m.Depth + 2;   // Linear + ReLU outputs
                critic = 2.0 * m.Width * m.Depth + 1;
                unfolded = 0;
                input = 2;
            }
            else
            {
                var colours = c.Data.Channels;
                long gp, gb, cp, cb;
                double ga, gu, ca, cu;
                int side;   // the training images' side: a texture model's crop
                if (m.Kind == ModelFactory.TextureKind)
                {
                    side = TextureModels.CropSize(c);
                    TextureGeneratorCounts(Models.TextureGenerator.Widths(m.Width, m.MaxWidth), colours, m.LatentDim, m.NoiseChannels ?? TextureModels.DefaultNoiseChannels, side, out gp, out gb, out ga, out gu);
                    PatchCriticCounts(TextureModels.CriticWidths(m.Width, m.MaxWidth), colours, side, m.CriticNorm, out cp, out cb, out ca, out cu);
                }
                else
                {
                    side = c.Data.Size;
                    var ch = ModelFactory.Channels(side, m.Width, m.MaxWidth);
                    Generator(ch, colours, m.LatentDim, m.Tileable || m.Upsample == "nearest", m.FullResWidth, m.ConvsPerLevel, out gp, out gb, out ga, out gu);
                    Critic(ch, colours, side, m.CriticNorm, m.Tileable, m.CriticFullResWidth, out cp, out cb, out ca, out cu);
                }
                parameters = gp + cp;
                averaged = c.Training.Ema > 0 ? gp + gb : 0;
                buffers = gb + cb;
                generator = ga;
                critic = ca;
                unfolded = Math.Max(gu, cu);
                input = (double)colours * side * side;
            }
            // Per parameter: weight, gradient and one temporary of the update (4 bytes each) plus the optimizer's
            // state; a checkpoint copies weights and state once more.
            var state = c.Optimizer.Kind == "adam" ? 8 : c.Optimizer.Kind == "rmsprop" ? 4 : 0;
            return new TrainingMemory
            {
                Parameters = parameters,
                ModelBytes = parameters * (12.0 + state + 4 + state) + buffers * 8.0 + averaged * 8.0,
                // The critic's activations count ten times (real, fake and interpolated batches, each kept for the
                // gradient penalty's double backward pass), the generator's three times (its step and the critic's fakes).
                BytesPerSample = 4.0 * (3 * generator + 10 * critic + 2 * unfolded + 4 * input),
                BatchSize = c.Training.BatchSize,
                // The set holds whole images (data.size), of which a texture model trains on crops.
                DataBytes = m.Kind != "mlp" && ProceduralTextures.TryGetPalette(c.Data.Source, out _) ? 4.0 * c.Data.Count * c.Data.Channels * c.Data.Size * c.Data.Size : 0,
            };
        }

        /// <summary>
        /// Refuses a config whose estimate exceeds <paramref name="budget"/> bytes (default: half of this machine's
        /// memory, or of the container's limit). <paramref name="activationsInRam"/> is false when training on a
        /// GPU: its activations live there, and only the networks (built in RAM first) are checked.
        /// </summary>
        /// <exception cref="ConfigException">The run cannot fit; the message gives the numbers and the largest batch or width that fits.</exception>
        public static void Check(TrainConfig c, string path, bool activationsInRam, long? budget = null)
        {
            var machine = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
            var allowed = (double)(budget ?? machine / 2);
            var e = Estimate(c);
            var need = activationsInRam ? e.TotalBytes : e.ModelBytes;
            if (need <= allowed) return;
            var of = budget.HasValue ? $"the {Size(allowed)} allowed" : $"the {Size(allowed)} this tool allows itself (half of this machine's {Size(machine)})";
            var networks = $"{e.Parameters.ToString("N0", CultureInfo.InvariantCulture)} weights, {Size(e.ModelBytes)} with gradients, optimizer state and checkpoint copies";
            if ((e.ModelBytes + e.DataBytes) * 1.05 < allowed && activationsInRam)
            {
                var fits = (int)Math.Min(int.MaxValue, Math.Floor((allowed - e.ModelBytes - e.DataBytes) / e.BytesPerSample));
                throw new ConfigException(path, $"'training.batch_size': training needs about {Size(need)}, more than {of}: the networks take {Size(e.ModelBytes)} ({networks}) " +
                    $"and each sample of a batch {Size(e.BytesPerSample)} of activations, so {c.Training.BatchSize} samples take {Size(e.BatchSize * e.BytesPerSample)}. " +
                    $"The largest batch_size that fits is {fits}; or lower {SideKey(c)} or model.max_width.");
            }
            var key = c.Model.Kind == "mlp" ? "model.width" : "model.max_width";
            throw new ConfigException(path, $"'{key}': the networks alone need about {Size(e.ModelBytes)} ({networks}), more than {of}. " +
                $"The largest {key.Substring(6)} that fits (batch size {c.Training.BatchSize}) is {LargestWidth(c, allowed, activationsInRam)}; or lower model.latent_dim or {(c.Model.Kind == "mlp" ? "model.depth" : SideKey(c))}.");
        }

        /// <summary>The key that sets the training images' side: a texture model trains on crops.</summary>
        static string SideKey(TrainConfig c) => c.Model.Kind == ModelFactory.TextureKind ? "data.crop_size" : "data.size";

        /// <summary>The largest width (mlp) or max_width (dcgan, width capped to it) whose estimate fits; 0 when none does.</summary>
        static int LargestWidth(TrainConfig c, double allowed, bool activationsInRam)
        {
            var mlp = c.Model.Kind == "mlp";
            var (width, max) = (c.Model.Width, c.Model.MaxWidth);
            bool Fits(int w)
            {
                if (mlp) c.Model.Width = w; else { c.Model.MaxWidth = w; c.Model.Width = Math.Min(width, w); }
                var e = Estimate(c);
                return (activationsInRam ? e.TotalBytes : e.ModelBytes) <= allowed;
            }
            try
            {
                int lo = 0, hi = mlp ? width : max;   // Fits(hi) is false
                while (hi - lo > 1)
                {
                    var mid = lo + (hi - lo) / 2;
                    if (Fits(mid)) lo = mid; else hi = mid;
                }
                return lo;
            }
            finally { (c.Model.Width, c.Model.MaxWidth) = (width, max); }
        }

        static long Mlp(long input, long width, long depth, long output) =>
            input * width + width + (depth - 1) * (width * width + width) + width * output + output;

        // Parameters, buffers (batch norm statistics), activation floats and the largest unfolded convolution
        // input per sample of the generator: Linear → 4×4 → doubling layers (ModelFactory).
        static void Generator(int[] ch, int colours, long latent, bool nearest, int fullRes, int convsPerLevel, out long parameters, out long buffers, out double activations, out double unfolded)
        {
            var c0 = 16L * ch[0];
            parameters = latent * c0 + c0 + 2 * c0;
            buffers = 2 * c0;
            activations = 3.0 * c0;
            unfolded = 0;
            long res = 4;
            var kernel = nearest ? 9 : 25;
            for (var i = 1; i <= ch.Length; i++)
            {
                var last = i == ch.Length;
                long inCh = ch[i - 1], outCh = !last ? ch[i] : fullRes > 0 ? fullRes : colours, next = 2 * res;
                var normed = !last || fullRes > 0;
                parameters += inCh * outCh * kernel + outCh;
                if (normed) { parameters += 2 * outCh; buffers += 2 * outCh; }
                if (nearest) activations += (double)inCh * next * next + (double)inCh * (next + 2) * (next + 2);   // upsampled, padded
                activations += (normed ? 3.0 : 2.0) * outCh * next * next;
                unfolded = Math.Max(unfolded, nearest ? (double)inCh * 9 * next * next : (double)outCh * 25 * res * res);
                if (!last && nearest)
                    for (var k = 1; k < convsPerLevel; k++)
                    {
                        // model.convs_per_level: another 3×3 convolution outCh → outCh at this level, batch norm, ReLU.
                        parameters += outCh * outCh * 9 + outCh + 2 * outCh;
                        buffers += 2 * outCh;
                        activations += (double)outCh * (next + 2) * (next + 2) + 3.0 * outCh * next * next;
                        unfolded = Math.Max(unfolded, (double)outCh * 9 * next * next);
                    }
                res = next;
            }
            if (fullRes > 0)
            {
                // model.full_res_width: then a 3×3 convolution from fullRes channels to the colours at full resolution, tanh.
                parameters += (long)fullRes * colours * 9 + colours;
                activations += (double)fullRes * (res + 2) * (res + 2) + 2.0 * colours * res * res;
                unfolded = Math.Max(unfolded, (double)fullRes * 9 * res * res);
            }
        }

        // The critic: 5×5 stride-2 convolutions halving to 4×4, the configured norm, then Linear → 1.
        static void Critic(int[] ch, int colours, int size, string norm, bool tileable, int fullRes, out long parameters, out long buffers, out double activations, out double unfolded)
        {
            var last = ch.Length - 1;
            parameters = 0; buffers = 0; activations = 1; unfolded = 0;
            long res = size;
            if (fullRes > 0)
            {
                // model.critic_full_res_width: first a 3×3 convolution to fullRes channels at full resolution, LeakyReLU.
                parameters += (long)colours * fullRes * 9 + fullRes;
                activations += (double)colours * (res + 2) * (res + 2) + 2.0 * fullRes * res * res;
                unfolded = (double)colours * 9 * res * res;
                colours = fullRes;
            }
            for (var j = 0; j <= last; j++)
            {
                long inCh = j == 0 ? colours : ch[last - j + 1], outCh = ch[last - j];
                if (tileable) activations += (double)inCh * (res + 4) * (res + 4);
                unfolded = Math.Max(unfolded, (double)inCh * 25 * (res / 2) * (res / 2));
                res /= 2;
                parameters += inCh * outCh * 25 + outCh;
                var normed = j > 0 && norm != "none";
                if (j > 0 && norm == "layer") parameters += 2 * outCh * res * res;
                if (j > 0 && norm == "batch") { parameters += 2 * outCh; buffers += 2 * outCh; }
                activations += (normed ? 3.0 : 2.0) * outCh * res * res;
            }
            parameters += 16L * ch[0] + 1;
        }

        // The texture generator (TextureGenerator): at the noise grid (crop / 8 cells) a circular 3×3 convolution of the
        // local noise plus Linear(z), batch norm without affine weights, FiLM Linear(z) → [γ; β], ReLU; then per level
        // nearest ×2, circular 3×3 convolution, batch norm, FiLM, ReLU; then a circular 3×3 convolution to the colours, tanh.
        static void TextureGeneratorCounts(int[] ch, int colours, long latent, int noise, int crop, out long parameters, out long buffers, out double activations, out double unfolded)
        {
            long res = crop >> (ch.Length - 1);
            parameters = noise * ch[0] * 9L + ch[0] + latent * ch[0] + ch[0] + latent * 2L * ch[0] + 2L * ch[0];
            buffers = 2L * ch[0];
            // Padded noise, convolution, sum, norm, the two FiLM products and ReLU.
            activations = (double)noise * (res + 2) * (res + 2) + 6.0 * ch[0] * res * res;
            unfolded = (double)noise * 9 * res * res;
            for (var i = 1; i < ch.Length; i++)
            {
                long inCh = ch[i - 1], outCh = ch[i];
                res *= 2;
                parameters += inCh * outCh * 9 + outCh + latent * 2 * outCh + 2 * outCh;
                buffers += 2 * outCh;
                activations += (double)inCh * (res * res + (res + 2) * (res + 2)) + 5.0 * outCh * res * res;   // upsampled, padded; conv … ReLU
                unfolded = Math.Max(unfolded, (double)inCh * 9 * res * res);
            }
            long last = ch[ch.Length - 1];
            parameters += last * colours * 9 + colours;
            activations += (double)last * (res + 2) * (res + 2) + 2.0 * colours * res * res;
            unfolded = Math.Max(unfolded, (double)last * 9 * res * res);
        }

        // The patch critic (TextureModels): three 3×3 stride-2 convolutions (the norm after the second and third), LeakyReLU,
        // a 3×3 convolution, LeakyReLU, a 1×1 convolution to one score per position, the mean.
        static void PatchCriticCounts(int[] ch, int colours, int crop, string norm, out long parameters, out long buffers, out double activations, out double unfolded)
        {
            parameters = 0; buffers = 0; activations = 1; unfolded = 0;
            long res = crop;
            for (var i = 0; i < ch.Length; i++)
            {
                long inCh = i == 0 ? colours : ch[i - 1], outCh = ch[i];
                res = (res + 1) / 2;
                parameters += inCh * outCh * 9 + outCh;
                unfolded = Math.Max(unfolded, (double)inCh * 9 * res * res);
                var normed = i > 0 && norm != "none";
                if (i > 0 && norm == "layer") parameters += 2 * outCh * res * res;
                if (i > 0 && norm == "batch") { parameters += 2 * outCh; buffers += 2 * outCh; }
                activations += (normed ? 3.0 : 2.0) * outCh * res * res;
            }
            long last = ch[ch.Length - 1];
            parameters += last * last * 9 + last + last + 1;
            unfolded = Math.Max(unfolded, (double)last * 9 * res * res);
            activations += 3.0 * last * res * res;
        }

        static string Size(double bytes) => ByteSize.Describe(bytes);
    }
}
