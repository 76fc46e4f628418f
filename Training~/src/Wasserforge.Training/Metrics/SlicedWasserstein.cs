using System;
using System.Collections.Generic;
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
    /// ProGAN's sliced Wasserstein distance between two image sets (Karras et al. 2018): each image's
    /// Laplacian pyramid (5-tap binomial filter, levels down to 16 px); from every level 128 random
    /// 7×7 patches per image; descriptors normalised per channel (mean and standard deviation over
    /// both sets' descriptors of that level); 512 random unit projections; for each projection the
    /// mean absolute difference of the sorted projected values; averaged over projections, per level.
    /// Images are NCHW floats; both sets must have the same count, channels and size.
    /// </summary>
    public static class SlicedWasserstein
    {
        const int PatchSize = 7, PatchesPerImage = 128, Projections = 512, MinResolution = 16;

        /// <summary>Computes SWD between <paramref name="a"/> and <paramref name="b"/> (each count × C × S × S).</summary>
        /// <exception cref="ArgumentException">Sizes differ or images are smaller than 16 px.</exception>
        public static SwdResult Compute(float[] a, float[] b, int count, int channels, int size, ulong seed = 1)
        {
            if (a.Length != b.Length || a.Length != count * channels * size * size) throw new ArgumentException("both sets must hold count × C × S × S floats.");
            if (size < MinResolution) throw new ArgumentException($"images must be at least {MinResolution} px.");
            var pa = Pyramid(a, count, channels, size);
            var pb = Pyramid(b, count, channels, size);
            var rng = new Xoshiro256(seed);
            var levels = pa.Count;
            var result = new SwdResult { Resolutions = new int[levels], PerLevel = new double[levels] };
            for (var l = 0; l < levels; l++)
            {
                var res = size >> l;
                result.Resolutions[l] = res;
                var da = Descriptors(pa[l], count, channels, res, ref rng);
                var db = Descriptors(pb[l], count, channels, res, ref rng);
                Normalise(da, db, channels);
                result.PerLevel[l] = Swd(da, db, channels * PatchSize * PatchSize, ref rng) * 1e3;
                result.Average += result.PerLevel[l] / levels;
            }
            return result;
        }

        static readonly float[] Kernel = { 1 / 16f, 4 / 16f, 6 / 16f, 4 / 16f, 1 / 16f };

        /// <summary>Laplacian pyramid levels (finest first); the last is the low-pass residual at 16 px.</summary>
        static List<float[]> Pyramid(float[] images, int n, int c, int size)
        {
            var levels = new List<float[]>();
            var current = images;
            var s = size;
            while (s > MinResolution)
            {
                var down = Downsample(current, n * c, s);
                var up = Upsample(down, n * c, s / 2);
                var lap = new float[current.Length];
                for (var i = 0; i < lap.Length; i++) lap[i] = current[i] - up[i];
                levels.Add(lap);
                current = down;
                s /= 2;
            }
            levels.Add(current);
            return levels;
        }

        static float At(float[] img, int off, int s, int y, int x)
        {
            y = y < 0 ? -y : y >= s ? 2 * s - 2 - y : y;   // reflect
            x = x < 0 ? -x : x >= s ? 2 * s - 2 - x : x;
            return img[off + y * s + x];
        }

        static float[] Blur(float[] img, int planes, int s)
        {
            var tmp = new float[img.Length];
            var outp = new float[img.Length];
            for (var p = 0; p < planes; p++)
            {
                var off = p * s * s;
                for (var y = 0; y < s; y++)
                    for (var x = 0; x < s; x++)
                    {
                        float v = 0;
                        for (var k = -2; k <= 2; k++) v += Kernel[k + 2] * At(img, off, s, y, x + k);
                        tmp[off + y * s + x] = v;
                    }
                for (var y = 0; y < s; y++)
                    for (var x = 0; x < s; x++)
                    {
                        float v = 0;
                        for (var k = -2; k <= 2; k++) v += Kernel[k + 2] * At(tmp, off, s, y + k, x);
                        outp[off + y * s + x] = v;
                    }
            }
            return outp;
        }

        static float[] Downsample(float[] img, int planes, int s)
        {
            var blurred = Blur(img, planes, s);
            var h = s / 2;
            var d = new float[planes * h * h];
            for (var p = 0; p < planes; p++)
                for (var y = 0; y < h; y++)
                    for (var x = 0; x < h; x++) d[(p * h + y) * h + x] = blurred[(p * s + 2 * y) * s + 2 * x];
            return d;
        }

        static float[] Upsample(float[] img, int planes, int s)
        {
            var big = 2 * s;
            var u = new float[planes * big * big];
            for (var p = 0; p < planes; p++)
                for (var y = 0; y < s; y++)
                    for (var x = 0; x < s; x++) u[(p * big + 2 * y) * big + 2 * x] = 4 * img[(p * s + y) * s + x];   // zero-insert, ×4 keeps the mean
            return Blur(u, planes, big);
        }

        /// <summary>count × 128 descriptors of C·7·7 values from random 7×7 patches of one level.</summary>
        static float[] Descriptors(float[] level, int n, int c, int s, ref Xoshiro256 rng)
        {
            var dim = c * PatchSize * PatchSize;
            var d = new float[n * PatchesPerImage * dim];
            var k = 0;
            for (var i = 0; i < n; i++)
                for (var j = 0; j < PatchesPerImage; j++)
                {
                    var y0 = (int)(rng.Next() % (ulong)(s - PatchSize + 1));
                    var x0 = (int)(rng.Next() % (ulong)(s - PatchSize + 1));
                    for (var ch = 0; ch < c; ch++)
                        for (var y = 0; y < PatchSize; y++)
                            for (var x = 0; x < PatchSize; x++)
                                d[k++] = level[((i * c + ch) * s + y0 + y) * s + x0 + x];
                }
            return d;
        }

        static void Normalise(float[] a, float[] b, int channels)
        {
            var per = PatchSize * PatchSize;
            var dim = channels * per;
            for (var ch = 0; ch < channels; ch++)
            {
                double sum = 0, sq = 0; long n = 0;
                foreach (var set in new[] { a, b })
                    for (var r = 0; r < set.Length; r += dim)
                        for (var i = 0; i < per; i++) { var v = set[r + ch * per + i]; sum += v; sq += v * v; n++; }
                var mean = sum / n;
                var std = Math.Sqrt(Math.Max(sq / n - mean * mean, 1e-12));
                foreach (var set in new[] { a, b })
                    for (var r = 0; r < set.Length; r += dim)
                        for (var i = 0; i < per; i++) set[r + ch * per + i] = (float)((set[r + ch * per + i] - mean) / std);
            }
        }

        static double Swd(float[] a, float[] b, int dim, ref Xoshiro256 rng)
        {
            var rows = a.Length / dim;
            var dir = new float[dim];
            var pa = new float[rows];
            var pb = new float[rows];
            double total = 0;
            for (var p = 0; p < Projections; p++)
            {
                LatentSampler.Sample(rng.Next(), dir);
                var norm = (float)LatentMath.Norm(dir);
                for (var i = 0; i < dim; i++) dir[i] /= norm;
                for (var r = 0; r < rows; r++)
                {
                    float sa = 0, sb = 0;
                    var off = r * dim;
                    for (var i = 0; i < dim; i++) { sa += a[off + i] * dir[i]; sb += b[off + i] * dir[i]; }
                    pa[r] = sa; pb[r] = sb;
                }
                Array.Sort(pa);
                Array.Sort(pb);
                double d = 0;
                for (var r = 0; r < rows; r++) d += Math.Abs(pa[r] - pb[r]);
                total += d / rows;
            }
            return total / Projections;
        }
    }
}
