using System;
using System.IO;
using Wasserforge.Training.Config;

namespace Wasserforge.Training.Data
{
    /// <summary>A dataset cannot be built from the config (missing folder, too few usable images…).</summary>
    public sealed class DatasetException : WasserforgeException
    {
        /// <summary>Creates the exception.</summary>
        public DatasetException(string message) : base(message) { }
    }

    /// <summary>Builds the dataset a config names: a built-in set or an image file/folder.</summary>
    public static class DatasetFactory
    {
        /// <summary>Builds the dataset; relative folder paths are resolved against <paramref name="configDirectory"/>.</summary>
        /// <exception cref="DatasetException">The source does not exist or yields fewer usable images than one batch.</exception>
        public static IDataset Create(TrainConfig config, string configDirectory, string cacheDirectory, TextWriter report) =>
            Create(config, configDirectory, cacheDirectory, report, out _);

        /// <summary>
        /// Builds the dataset (for <c>model.kind: texture</c>, <see cref="RandomCrops"/> of it, and fixed crops of the held-out
        /// images) and, for image sets with <c>data.hold_out</c> &gt; 0 and at least 16 held-out
        /// images, splits off a seeded held-out set (for SWD during training) that the training set excludes.
        /// </summary>
        /// <exception cref="DatasetException">The source does not exist or yields fewer usable images than one batch.</exception>
        public static IDataset Create(TrainConfig config, string configDirectory, string cacheDirectory, TextWriter report, out ImageDataset heldOut)
        {
            heldOut = null;
            var d = config.Data;
            DatasetRegistry.CheckNotShadowed(d.Source, configDirectory);
            var toy = ToyDataset.Create(d.Source);
            if (toy != null)
            {
                if (config.Model.Kind != "mlp") throw new DatasetException($"dataset '{d.Source}' is 2-D points: set model.kind to mlp.");
                return toy;
            }
            if (config.Model.Kind == "mlp") throw new DatasetException($"model kind mlp trains on 2-D toy sets (8gaussians, 25gaussians, swissroll), not '{d.Source}'.");
            ImageDataset images;
            if (ProceduralTextures.TryGetPalette(d.Source, out var palette))
            {
                if (d.Channels != 3) throw new DatasetException($"the {d.Source} set is RGB: set data.channels to 3.");
                images = ProceduralTextures.Create(d.Count, d.Size, config.Training.Seed + 1000, palette);
            }
            else
            {
                var path = Path.IsPathRooted(d.Source) ? d.Source : Path.GetFullPath(Path.Combine(configDirectory ?? ".", d.Source));
                images = ImageFolderLoader.Load(path, d, cacheDirectory, report);
            }
            var holdCount = (int)(images.Count * d.HoldOut);
            if (holdCount >= 16 && images.Count - holdCount >= config.Training.BatchSize)
            {
                var order = new int[images.Count];
                for (var i = 0; i < order.Length; i++) order[i] = i;
                var rng = new Wasserforge.Latent.Xoshiro256(config.Training.Seed + 77);
                for (var i = order.Length - 1; i > 0; i--) { var j = rng.NextInt(i + 1); (order[i], order[j]) = (order[j], order[i]); }
                heldOut = images.Subset(images.Name + " (held out)", order[..holdCount]);
                images = images.Subset(images.Name, order[holdCount..]);
            }
            if (images.Count < config.Training.BatchSize)
                throw new DatasetException($"{d.Source}: only {images.Count} usable image(s), fewer than one batch ({config.Training.BatchSize}). Add images or lower training.batch_size.");
            images.Flip = d.Flip;
            images.Rotate90 = d.Rotate90;
            if (config.Model.Kind != Models.ModelFactory.TextureKind) return images;
            // A texture model trains on random crops; its SWD is measured against fixed crops of the held-out images.
            var crop = Models.TextureModels.CropSize(config);
            var wrap = d.CropWrap ?? false;
            if (heldOut != null) heldOut = RandomCrops.FixedCrops(heldOut, crop, wrap, config.Training.Seed + 78);
            return new RandomCrops(images, crop, wrap);
        }
    }
}
