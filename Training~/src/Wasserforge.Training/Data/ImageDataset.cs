using System;
using Wasserforge.Latent;

namespace Wasserforge.Training.Data
{
    /// <summary>
    /// Images held in memory as NCHW float32 in [−1, 1], with on-the-fly augmentation: random
    /// horizontal/vertical flips and 90° rotations (for textures, which have no "up").
    /// </summary>
    public sealed class ImageDataset : IDataset
    {
        readonly float[] _pixels;
        readonly int _c, _s;

        /// <inheritdoc/>
        public string Name { get; }
        /// <inheritdoc/>
        public long[] SampleShape => new long[] { _c, _s, _s };
        /// <inheritdoc/>
        public int Count { get; }
        /// <summary>Random flips when drawing batches.</summary>
        public bool Flip { get; set; }
        /// <summary>Random 90° rotations when drawing batches.</summary>
        public bool Rotate90 { get; set; }

        /// <summary>Wraps <paramref name="count"/> images of <paramref name="channels"/> × size × size floats.</summary>
        /// <exception cref="ArgumentException">The pixel array does not hold exactly that many values.</exception>
        public ImageDataset(string name, float[] pixels, int count, int channels, int size)
        {
            if (pixels.Length != (long)count * channels * size * size)
                throw new ArgumentException($"{pixels.Length} values do not make {count} images of {channels}x{size}x{size}.");
            Name = name; _pixels = pixels; Count = count; _c = channels; _s = size;
        }

        /// <summary>Image <paramref name="index"/>'s values (C·H·W).</summary>
        public ReadOnlySpan<float> Image(int index) => _pixels.AsSpan(index * _c * _s * _s, _c * _s * _s);

        /// <summary>A dataset of the images at <paramref name="indices"/> (e.g. a held-out split).</summary>
        public ImageDataset Subset(string name, int[] indices)
        {
            var per = _c * _s * _s;
            var p = new float[indices.Length * per];
            for (var i = 0; i < indices.Length; i++) Image(indices[i]).CopyTo(p.AsSpan(i * per, per));
            return new ImageDataset(name, p, indices.Length, _c, _s) { Flip = Flip, Rotate90 = Rotate90 };
        }

        /// <inheritdoc/>
        public void NextBatch(ref Xoshiro256 rng, int batchSize, Span<float> destination)
        {
            var per = _c * _s * _s;
            for (var b = 0; b < batchSize; b++)
            {
                var src = Image(rng.NextInt(Count));
                var dst = destination.Slice(b * per, per);
                var flipX = Flip && (rng.Next() & 1) != 0;
                var flipY = Flip && (rng.Next() & 1) != 0;
                var rot = Rotate90 ? rng.NextInt(4) : 0;
                if (!flipX && !flipY && rot == 0) { src.CopyTo(dst); continue; }
                var n = _s - 1;
                for (var c = 0; c < _c; c++)
                    for (var y = 0; y < _s; y++)
                        for (var x = 0; x < _s; x++)
                        {
                            int sx = flipX ? n - x : x, sy = flipY ? n - y : y;
                            int rx = sx, ry = sy;
                            switch (rot)
                            {
                                case 1: rx = sy; ry = n - sx; break;
                                case 2: rx = n - sx; ry = n - sy; break;
                                case 3: rx = n - sy; ry = sx; break;
                            }
                            dst[(c * _s + y) * _s + x] = src[(c * _s + ry) * _s + rx];
                        }
            }
        }
    }
}
