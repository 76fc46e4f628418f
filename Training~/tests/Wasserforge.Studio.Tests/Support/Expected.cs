using System;
using Wasserforge.Explorer;

namespace Wasserforge.Studio.Tests.Support
{
    /// <summary>What the core says the page should show: the same latents generated through <see cref="GeneratorModel"/> here.</summary>
    public static class Expected
    {
        /// <summary>RGBA (top-down) of every grid cell of <paramref name="state"/>.</summary>
        public static byte[] Grid(string modelPath, ExplorerState state)
        {
            using var model = GeneratorModel.Load(modelPath);
            var rgba = new byte[state.CellCount * model.Width * model.Height * 4];
            model.GenerateRgba32(state.GridLatents(), state.CellCount, rgba);
            return rgba;
        }

        /// <summary>RGBA of one latent.</summary>
        public static byte[] One(string modelPath, float[] latent)
        {
            using var model = GeneratorModel.Load(modelPath);
            var rgba = new byte[model.Width * model.Height * 4];
            model.GenerateRgba32(latent, 1, rgba);
            return rgba;
        }

        /// <summary>Largest per-channel RGB difference between two images' pixels.</summary>
        public static int MaxRgbDifference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
        {
            var worst = 0;
            for (var i = 0; i < a.Length; i++) if (i % 4 != 3) worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
            return worst;
        }
    }
}
