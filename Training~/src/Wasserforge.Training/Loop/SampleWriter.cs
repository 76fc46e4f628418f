using System;
using Wasserforge.Latent;
using Wasserforge.Pixels;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Wasserforge.Training.Loop
{
    /// <summary>Writes what the generator makes of a fixed latent batch: an image grid, or a scatter plot for points.</summary>
    public static class SampleWriter
    {
        /// <summary>Latents for seeds 1…count, exactly as the runtime samples them (so grids match <c>wasserforge sample</c>).</summary>
        public static float[] FixedLatents(int count, int latentDim)
        {
            var seeds = new ulong[count];
            for (var i = 0; i < count; i++) seeds[i] = (ulong)(i + 1);
            var z = new float[count * latentDim];
            LatentSampler.SampleBatch(seeds, latentDim, z);
            return z;
        }

        /// <summary>Runs the generator in eval mode on <paramref name="latents"/> and returns its output as floats.</summary>
        public static float[] Generate(Sequential generator, float[] latents, int count, int latentDim, Device device)
        {
            var wasTraining = generator.training;
            generator.eval();
            try
            {
                using (no_grad())
                using (NewDisposeScope())
                {
                    var z = tensor(latents, new long[] { count, latentDim }).to(device);
                    return generator.forward(z).cpu().data<float>().ToArray();
                }
            }
            finally { generator.train(wasTraining); }
        }

        /// <summary>Tiles NCHW images into a cols × rows RGBA grid with a 1-px gap and writes a PNG.</summary>
        public static void WriteGrid(string path, float[] nchw, int count, int channels, int size, int cols)
        {
            var rows = (count + cols - 1) / cols;
            var rgba = new byte[count * size * size * 4];
            PixelConverter.ToRgba32(nchw, count, channels, size, size, rgba);
            var w = cols * (size + 1) + 1;
            var h = rows * (size + 1) + 1;
            var sheet = new byte[w * h * 4];
            for (var i = 3; i < sheet.Length; i += 4) sheet[i] = 255;
            for (var k = 0; k < count; k++)
            {
                int ox = 1 + (k % cols) * (size + 1), oy = 1 + (k / cols) * (size + 1);
                for (var y = 0; y < size; y++)
                    Buffer.BlockCopy(rgba, (k * size * size + y * size) * 4, sheet, ((oy + y) * w + ox) * 4, size * 4);
            }
            PngEncoder.WriteFile(path, sheet, w, h, 4);
        }

        /// <summary>A 256×256 scatter plot of real (grey) and generated (red) points in [−2, 2]².</summary>
        public static void WriteScatter(string path, float[] real, float[] fake)
        {
            const int s = 256;
            var img = new byte[s * s * 4];
            for (var i = 0; i < img.Length; i++) img[i] = 255;
            void Plot(float[] pts, byte r, byte g, byte b)
            {
                for (var i = 0; i + 1 < pts.Length; i += 2)
                {
                    var x = (int)((pts[i] + 2) / 4 * (s - 1));
                    var y = (int)((2 - pts[i + 1]) / 4 * (s - 1));
                    if (x < 0 || y < 0 || x >= s || y >= s) continue;
                    var o = (y * s + x) * 4;
                    img[o] = r; img[o + 1] = g; img[o + 2] = b;
                }
            }
            Plot(real, 170, 170, 170);
            Plot(fake, 220, 30, 30);
            PngEncoder.WriteFile(path, img, s, s, 4);
        }
    }
}
