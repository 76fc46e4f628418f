using System;
using Wasserforge.Latent;

namespace Wasserforge.Training.Data
{
    /// <summary>
    /// Random square crops of an image set, what a texture model trains on (<c>data.crop_size</c>): each batch draws images
    /// (with the set's own flips and rotations), then one crop position per image. With <see cref="Wrap"/> (tileable sources,
    /// <c>data.crop_wrap</c>) every position of the image is a valid top-left corner and the crop wraps around the edges;
    /// without it the crop lies inside the image.
    /// </summary>
    public sealed class RandomCrops : IDataset
    {
        readonly ImageDataset _images;
        readonly int _c, _s, _crop;
        float[] _scratch = Array.Empty<float>();

        /// <summary>Crops wrap around the image edges.</summary>
        public bool Wrap { get; }

        /// <inheritdoc/>
        public string Name { get; }
        /// <inheritdoc/>
        public long[] SampleShape => new long[] { _c, _crop, _crop };
        /// <inheritdoc/>
        public int Count => _images.Count;

        /// <summary>Crops of <paramref name="cropSize"/> px from <paramref name="images"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The crop is below 1 px or larger than the images.</exception>
        public RandomCrops(ImageDataset images, int cropSize, bool wrap)
        {
            _images = images ?? throw new ArgumentNullException(nameof(images));
            _c = (int)images.SampleShape[0];
            _s = (int)images.SampleShape[1];
            if (cropSize < 1 || cropSize > _s) throw new ArgumentOutOfRangeException(nameof(cropSize), $"crop {cropSize} px does not fit images of {_s} px.");
            _crop = cropSize;
            Wrap = wrap;
            Name = $"{images.Name}, random {cropSize} px crops{(wrap ? " wrapping around the edges" : "")}";
        }

        /// <summary>The images the crops come from.</summary>
        public ImageDataset Images => _images;

        /// <summary>One fixed crop of each of <see cref="Images"/> (see <see cref="FixedCrops(ImageDataset, int, bool, ulong)"/>).</summary>
        public ImageDataset FixedCrops(ulong seed) => FixedCrops(_images, _crop, Wrap, seed);

        /// <inheritdoc/>
        public void NextBatch(ref Xoshiro256 rng, int batchSize, Span<float> destination)
        {
            var per = _c * _s * _s;
            if (_scratch.Length < batchSize * per) _scratch = new float[batchSize * per];
            _images.NextBatch(ref rng, batchSize, _scratch);
            var cropPer = _c * _crop * _crop;
            for (var b = 0; b < batchSize; b++)
            {
                var positions = Wrap ? _s : _s - _crop + 1;
                var y0 = rng.NextInt(positions);
                var x0 = rng.NextInt(positions);
                Crop(_scratch.AsSpan(b * per, per), _c, _s, _crop, y0, x0, destination.Slice(b * cropPer, cropPer));
            }
        }

        /// <summary>
        /// One crop per image of <paramref name="images"/> (e.g. the held-out set), at positions drawn from <paramref name="seed"/>:
        /// the fixed set a texture model's SWD is measured against.
        /// </summary>
        public static ImageDataset FixedCrops(ImageDataset images, int cropSize, bool wrap, ulong seed)
        {
            int c = (int)images.SampleShape[0], s = (int)images.SampleShape[1];
            if (cropSize == s) return images;
            var per = c * cropSize * cropSize;
            var pixels = new float[images.Count * per];
            var rng = new Xoshiro256(seed);
            var positions = wrap ? s : s - cropSize + 1;
            for (var i = 0; i < images.Count; i++)
            {
                var y0 = rng.NextInt(positions);
                var x0 = rng.NextInt(positions);
                Crop(images.Image(i), c, s, cropSize, y0, x0, pixels.AsSpan(i * per, per));
            }
            return new ImageDataset($"{images.Name}, {cropSize} px crops", pixels, images.Count, c, cropSize);
        }

        /// <summary>Copies the <paramref name="crop"/>² window at (<paramref name="y0"/>, <paramref name="x0"/>) of a C×S×S image, wrapping coordinates modulo S.</summary>
        static void Crop(ReadOnlySpan<float> src, int c, int s, int crop, int y0, int x0, Span<float> dst)
        {
            for (var ch = 0; ch < c; ch++)
                for (var y = 0; y < crop; y++)
                {
                    var row = src.Slice((ch * s + (y0 + y) % s) * s, s);
                    var to = dst.Slice((ch * crop + y) * crop, crop);
                    var first = Math.Min(crop, s - x0);
                    row.Slice(x0, first).CopyTo(to);
                    if (first < crop) row.Slice(0, crop - first).CopyTo(to.Slice(first));
                }
        }
    }
}
