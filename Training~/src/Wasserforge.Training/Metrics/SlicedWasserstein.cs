using System;
using System.Numerics;
using System.Threading.Tasks;
using Wasserforge.Latent;

namespace Wasserforge.Training.Metrics
{
    /// <summary>SWD per pyramid level (finest first) and their average, ×10³ as ProGAN reports it.</summary>
    public sealed class SwdResult
    {
        /// <summary>Resolution of each level, finest first.</summary>
        public int[] Resolutions;
        /// <summary>SWD ×10³ per level.</summary>
        public double[] PerLevel;
        /// <summary>Mean over levels.</summary>
        public double Average;
        /// <inheritdoc/>
        public override string ToString()
        {
            var parts = new string[PerLevel.Length];
            for (var i = 0; i < parts.Length; i++) parts[i] = $"{Resolutions[i]}px {PerLevel[i]:F2}";
            return $"SWD×1e3 {string.Join(", ", parts)}; average {Average:F2}";
        }
    }

    /// <summary>
    /// ProGAN's sliced Wasserstein distance between two image sets (Karras et al. 2018, metrics/sliced_wasserstein.py):
    /// <list type="number">
    /// <item>Each image's Laplacian pyramid (<see cref="LaplacianPyramid"/>), one level per resolution from the image size down to 16 px.</item>
    /// <item>From every level, 128 random 7×7 patches per image (uniform positions fully inside the image); a descriptor is the patch's C·7·7 values.</item>
    /// <item>Descriptors of one set and level are normalised per channel: minus that set's mean, divided by that set's standard
    /// deviation (each set on its own, as ProGAN does — so a global colour offset or contrast change is not measured).</item>
    /// <item>512 random directions (Gaussian, normalised to unit length); both sets are projected, the projections sorted, and the
    /// mean absolute difference of the sorted values taken; the level's SWD is the mean over directions, ×10³.</item>
    /// </list>
    /// Patches and directions come from a seeded generator, so a result is reproducible. Work is spread over the cores;
    /// projections use SIMD.
    /// </summary>
    public static class SlicedWasserstein
    {
        /// <summary>The fewest images per side the trainer and <c>wasserforge eval</c> measure SWD on (fewer give too few patches for a stable estimate).</summary>
        public const int MinimumImages = 16;

        const int PatchSize = 7, PatchesPerImage = 128, Projections = 512, Block = 16;

        /// <summary>Computes SWD between <paramref name="a"/> and <paramref name="b"/> (each count × C × S × S NCHW floats).</summary>
        /// <param name="a">The first set (e.g. real images).</param>
        /// <param name="b">The second set (e.g. generated images).</param>
        /// <param name="count">Images in each set.</param>
        /// <param name="channels">Channels per image.</param>
        /// <param name="size">Width and height: a power of two, at least 16.</param>
        /// <param name="seed">Seed of the patch positions and directions.</param>
        /// <exception cref="ArgumentException">The arrays do not hold count × C × S × S floats, or the size is not a power of two ≥ 16.</exception>
        public static SwdResult Compute(float[] a, float[] b, int count, int channels, int size, ulong seed = 1)
        {
            if (a == null || b == null || count < 1 || channels < 1 || a.Length != b.Length || a.Length != (long)count * channels * size * size)
                throw new ArgumentException("both sets must hold count × C × S × S floats.");
            if (size < LaplacianPyramid.MinResolution || (size & (size - 1)) != 0)
                throw new ArgumentException($"images must be a power of two of at least {LaplacianPyramid.MinResolution} px, not {size}.");
            var pa = LaplacianPyramid.Build(a, count, channels, size);
            var pb = LaplacianPyramid.Build(b, count, channels, size);
            var rng = new Xoshiro256(seed);
            var levels = pa.Count;
            var result = new SwdResult { Resolutions = new int[levels], PerLevel = new double[levels] };
            for (var l = 0; l < levels; l++)
            {
                var res = size >> l;
                result.Resolutions[l] = res;
                var da = Descriptors(pa[l], count, channels, res, ref rng);
                var db = Descriptors(pb[l], count, channels, res, ref rng);
                Normalise(da, channels);
                Normalise(db, channels);
                result.PerLevel[l] = Distance(da, db, channels * PatchSize * PatchSize, ref rng) * 1e3;
                result.Average += result.PerLevel[l] / levels;
            }
            return result;
        }

        /// <summary>count × 128 descriptors of C·7·7 values from random 7×7 patches of one level.</summary>
        static float[] Descriptors(float[] level, int n, int c, int s, ref Xoshiro256 rng)
        {
            var dim = c * PatchSize * PatchSize;
            var d = new float[(long)n * PatchesPerImage * dim];
            var k = 0;
            for (var i = 0; i < n; i++)
                for (var j = 0; j < PatchesPerImage; j++)
                {
                    var y0 = (int)(rng.Next() % (ulong)(s - PatchSize + 1));
                    var x0 = (int)(rng.Next() % (ulong)(s - PatchSize + 1));
                    for (var ch = 0; ch < c; ch++)
                        for (var y = 0; y < PatchSize; y++)
                        {
                            level.AsSpan(((i * c + ch) * s + y0 + y) * s + x0, PatchSize).CopyTo(d.AsSpan(k));
                            k += PatchSize;
                        }
                }
            return d;
        }

        /// <summary>Per channel: subtract the set's mean and divide by its standard deviation (population, as numpy's std).</summary>
        static void Normalise(float[] set, int channels)
        {
            const int per = PatchSize * PatchSize;
            var dim = channels * per;
            for (var ch = 0; ch < channels; ch++)
            {
                double sum = 0, sq = 0;
                long n = 0;
                for (var r = 0; r < set.Length; r += dim)
                    for (var i = 0; i < per; i++) { double v = set[r + ch * per + i]; sum += v; sq += v * v; n++; }
                var mean = sum / n;
                var std = Math.Sqrt(Math.Max(sq / n - mean * mean, 1e-12));
                for (var r = 0; r < set.Length; r += dim)
                    for (var i = 0; i < per; i++) set[r + ch * per + i] = (float)((set[r + ch * per + i] - mean) / std);
            }
        }

        /// <summary>Mean over 512 random unit directions of the 1-D Wasserstein-1 distance between the projected sets.</summary>
        static double Distance(float[] a, float[] b, int dim, ref Xoshiro256 rng)
        {
            var rows = a.Length / dim;
            // Directions are drawn up front so the result does not depend on how blocks are scheduled.
            var dirs = new float[Projections * dim];
            for (var p = 0; p < Projections; p++)
            {
                var dir = dirs.AsSpan(p * dim, dim);
                LatentSampler.Sample(rng.Next(), dir);
                var norm = (float)LatentMath.Norm(dir);
                for (var i = 0; i < dim; i++) dir[i] /= norm;
            }
            var perProjection = new double[Projections];
            Parallel.For(0, Projections / Block, block =>
            {
                var pa = Project(a, dirs, block * Block, dim, rows);
                var pb = Project(b, dirs, block * Block, dim, rows);
                for (var j = 0; j < Block; j++)
                {
                    var x = pa.AsSpan(j * rows, rows);
                    var y = pb.AsSpan(j * rows, rows);
                    x.Sort();
                    y.Sort();
                    double d = 0;
                    for (var r = 0; r < rows; r++) d += Math.Abs(x[r] - y[r]);
                    perProjection[block * Block + j] = d / rows;
                }
            });
            double total = 0;
            foreach (var d in perProjection) total += d;
            return total / Projections;
        }

        /// <summary>Projections of every row on directions first … first + 16, direction-major; each row is read once per block.</summary>
        static float[] Project(float[] set, float[] dirs, int first, int dim, int rows)
        {
            var result = new float[Block * rows];
            for (var r = 0; r < rows; r++)
            {
                var row = new ReadOnlySpan<float>(set, r * dim, dim);
                for (var j = 0; j < Block; j++) result[j * rows + r] = Dot(row, new ReadOnlySpan<float>(dirs, (first + j) * dim, dim));
            }
            return result;
        }

        static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
        {
            var acc = Vector<float>.Zero;
            var i = 0;
            var width = Vector<float>.Count;
            for (; i <= x.Length - width; i += width) acc += new Vector<float>(x.Slice(i)) * new Vector<float>(y.Slice(i));
            var sum = Vector.Dot(acc, Vector<float>.One);
            for (; i < x.Length; i++) sum += x[i] * y[i];
            return sum;
        }
    }
}
