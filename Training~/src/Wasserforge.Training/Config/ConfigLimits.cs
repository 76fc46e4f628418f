using System;
using System.Globalization;
using Wasserforge.Training.Data;

namespace Wasserforge.Training.Config
{
    /// <summary>
    /// Upper limits on the sizes a config may ask for, each with its reason, checked before anything is
    /// allocated (so a typo such as <c>latent_dim: 1000000000</c> is a config error, not an out-of-memory
    /// failure inside libtorch). The limits sit far above what trains well; they only stop requests whose
    /// memory cannot exist.
    /// </summary>
    public static class ConfigLimits
    {
        /// <summary>Largest <c>model.latent_dim</c>.</summary>
        public const int MaxLatentDim = 4096;
        /// <summary>Largest <c>model.width</c> and <c>model.max_width</c> (channels, or mlp hidden units).</summary>
        public const int MaxWidth = 4096;
        /// <summary>Largest <c>model.depth</c> (mlp hidden layers).</summary>
        public const int MaxDepth = 64;
        /// <summary>Largest <c>training.batch_size</c>.</summary>
        public const int MaxBatchSize = 1 << 20;
        /// <summary>Largest batch of real images in bytes (batch_size × channels × size² floats).</summary>
        public const long MaxBatchBytes = 1L << 30;
        /// <summary>Largest <c>training.threads</c>.</summary>
        public const int MaxThreads = 1024;
        /// <summary>Largest .NET array, in elements: the procedural set is generated into one.</summary>
        public const long MaxArray = 0x7FFFFFC7;

        /// <summary>Calls <paramref name="fail"/>(key, problem) for the first size over its limit.</summary>
        public static void Check(TrainConfig c, Action<string, string> fail)
        {
            var m = c.Model;
            var dcgan = m.Kind != "mlp";   // dcgan or texture: image models
            if (m.LatentDim > MaxLatentDim)
            {
                // The generator's first layer maps the latent to 4×4×(first channels) values for dcgan, to width units for mlp.
                long outputs = dcgan ? 16L * m.MaxWidth : m.Width;
                var weights = (double)m.LatentDim * outputs;
                fail("model.latent_dim", $"{m.LatentDim} is above the limit of {MaxLatentDim}: the generator's first layer alone holds latent_dim × {outputs} = {weights.ToString("0.##e+0", CultureInfo.InvariantCulture)} weights " +
                    $"({Size(weights * 16)} with gradients and optimizer state), and a GAN gains nothing from latents past a few hundred values (DCGAN uses 100, StyleGAN 512).");
            }
            foreach (var (key, value) in new[] { ("model.width", m.Width), ("model.max_width", m.MaxWidth) })
                if (value > MaxWidth)
                    fail(key, $"{value} is above the limit of {MaxWidth}: layers that wide hold hundreds of millions of weights each " +
                        $"(a 5×5 convolution between two {MaxWidth}-channel layers: {25.0 * MaxWidth * MaxWidth / 1e6:0} M weights, {Size(25.0 * MaxWidth * MaxWidth * 16)} with gradients and optimizer state).");
            foreach (var (key, value) in new[] { ("model.full_res_width", m.FullResWidth), ("model.critic_full_res_width", m.CriticFullResWidth) })
                if (value > MaxWidth)
                    fail(key, $"{value} is above the limit of {MaxWidth} channels: a layer at full resolution holds channels × size² activations per image " +
                        $"({Size(4.0 * MaxWidth * c.Data.Size * c.Data.Size)} per image at {MaxWidth} channels and data.size {c.Data.Size}, kept for the backward pass).");
            if (m.Depth > MaxDepth)
                fail("model.depth", $"{m.Depth} is above the limit of {MaxDepth} hidden layers: an mlp that deep does not train better on 2-D points, only slower.");
            var t = c.Training;
            if (t.BatchSize > MaxBatchSize)
                fail("training.batch_size", $"{t.BatchSize} is above the limit of {MaxBatchSize}: the networks' activations grow with the batch, and GAN batches are 32 to 256.");
            if (dcgan)
            {
                var bytes = 4.0 * t.BatchSize * c.Data.Channels * c.Data.Size * c.Data.Size;
                if (bytes > MaxBatchBytes)
                    fail("training.batch_size", $"{t.BatchSize} batches of {c.Data.Size}x{c.Data.Size}x{c.Data.Channels} images are {Size(bytes)} of real images alone, above the limit of {Size(MaxBatchBytes)}: " +
                        "the networks' activations take many times the batch. Lower training.batch_size or data.size.");
                if (ProceduralTextures.TryGetPalette(c.Data.Source, out _) && 3.0 * c.Data.Count * c.Data.Size * c.Data.Size > MaxArray)
                    fail("data.count", $"{c.Data.Count} {c.Data.Source} images of {c.Data.Size}x{c.Data.Size} are {3.0 * c.Data.Count * c.Data.Size * c.Data.Size:0} values, more than the one array they are generated into holds ({MaxArray}); " +
                        $"at this size the limit is {MaxArray / (3L * c.Data.Size * c.Data.Size)} images.");
            }
            if (t.Threads > MaxThreads)
                fail("training.threads", $"{t.Threads} is above the limit of {MaxThreads}; 0 uses one per core.");
        }

        static string Size(double bytes) => ByteSize.Describe(bytes);
    }
}
