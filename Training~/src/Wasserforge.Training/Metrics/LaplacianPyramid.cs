using System.Collections.Generic;

namespace Wasserforge.Training.Metrics
{
    /// <summary>
    /// ProGAN's Laplacian pyramid (as cv2.pyrDown/pyrUp): a 5×5 binomial filter [1 4 6 4 1]ᵀ[1 4 6 4 1]/256
    /// with mirror borders (d c b | a b c d | c b a); down = filter then keep even pixels; up = insert
    /// zeros, filter with 4× the kernel. Level k = image_k − up(image_k+1); the last level is the low-pass
    /// residual. Images are planes of S × S floats.
    /// </summary>
    internal static class LaplacianPyramid
    {
        /// <summary>Smallest level resolution: the pyramid stops at 16 px, as in ProGAN.</summary>
        public const int MinResolution = 16;

        static readonly float[] Kernel = { 1 / 16f, 4 / 16f, 6 / 16f, 4 / 16f, 1 / 16f };

        /// <summary>Laplacian pyramid levels (finest first); the last is the low-pass residual at 16 px.</summary>
        public static List<float[]> Build(float[] images, int n, int c, int size)
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

        public static float[] Downsample(float[] img, int planes, int s)
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

    }
}
