using System;

namespace Wasserforge.Latent
{
    /// <summary>
    /// The local noise of texture models, layout "wf-noise-1": cell (y, x) of the noise for seed s holds the
    /// first <c>channels</c> values of <see cref="LatentSampler.Sample(ulong, Span{float})"/> (wf-normal-1) for
    /// the cell seed <c>s + 0x9E3779B97F4A7C15 · (1 + y · 65536 + x)</c> (wrapping 64-bit arithmetic); channel c
    /// of the cell is value c. Counter-based: any window is made without the rest, so tiled generation needs no
    /// texture-sized buffer, and the top-left cells of a larger canvas are those of a smaller one. Bit-identical
    /// on every platform (it only reuses wf-normal-1). Documented in Documentation~/model-contract.md.
    /// </summary>
    public static class TextureNoise
    {
        /// <summary>The layout's name (<c>wasserforge.noise_layout</c>).</summary>
        public const string Layout = Contract.ModelContract.NoiseLayoutWf1;

        /// <summary>Cells per axis the layout addresses (y and x each below this).</summary>
        public const int MaxCells = 65536;

        /// <summary>The odd constant that spreads cell indices over seeds (2⁶⁴ divided by the golden ratio).</summary>
        public const ulong CellStride = 0x9E3779B97F4A7C15UL;

        /// <summary>Channels sampled on the stack; larger cells use a per-thread buffer.</summary>
        const int StackChannels = 128;

        [ThreadStatic] static float[] t_cell;

        /// <summary>The wf-normal-1 seed of cell (<paramref name="y"/>, <paramref name="x"/>) of the noise for <paramref name="seed"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException">y or x is negative or not below <see cref="MaxCells"/>.</exception>
        public static ulong CellSeed(ulong seed, int y, int x)
        {
            if ((uint)y >= MaxCells) throw new ArgumentOutOfRangeException(nameof(y), y, $"noise cell row must be 0 to {MaxCells - 1}.");
            if ((uint)x >= MaxCells) throw new ArgumentOutOfRangeException(nameof(x), x, $"noise cell column must be 0 to {MaxCells - 1}.");
            return unchecked(seed + CellStride * (1UL + (ulong)y * MaxCells + (ulong)x));
        }

        /// <summary>
        /// Fills <paramref name="destination"/> (channels × height × width floats, planar) with the window of
        /// <paramref name="height"/> × <paramref name="width"/> cells whose top-left cell is
        /// (<paramref name="y0"/>, <paramref name="x0"/>) on a torus of <paramref name="wrapHeight"/> ×
        /// <paramref name="wrapWidth"/> cells: coordinates outside it wrap around (negative ones too).
        /// Allocates nothing (after the first call on a thread when channels exceed 128).
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">channels, height or width is not positive, or a wrap size is not 1 to <see cref="MaxCells"/>.</exception>
        /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
        public static void Fill(ulong seed, int channels, int y0, int x0, int height, int width, int wrapHeight, int wrapWidth, Span<float> destination)
        {
            if (channels <= 0) throw new ArgumentOutOfRangeException(nameof(channels), channels, "channels must be positive.");
            if (height <= 0) throw new ArgumentOutOfRangeException(nameof(height), height, "height must be positive.");
            if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be positive.");
            if (wrapHeight <= 0 || wrapHeight > MaxCells) throw new ArgumentOutOfRangeException(nameof(wrapHeight), wrapHeight, $"the torus height must be 1 to {MaxCells} cells.");
            if (wrapWidth <= 0 || wrapWidth > MaxCells) throw new ArgumentOutOfRangeException(nameof(wrapWidth), wrapWidth, $"the torus width must be 1 to {MaxCells} cells.");
            var plane = (long)height * width;
            if (destination.Length < channels * plane)
                throw new ArgumentException($"destination has {destination.Length} floats; {channels} channels of {height} x {width} cells need {channels * plane}.", nameof(destination));

            Span<float> cell = channels <= StackChannels ? stackalloc float[channels] : Scratch(channels);
            for (var i = 0; i < height; i++)
            {
                var y = Wrap((long)y0 + i, wrapHeight);
                for (var j = 0; j < width; j++)
                {
                    LatentSampler.Sample(CellSeed(seed, y, Wrap((long)x0 + j, wrapWidth)), cell);
                    var at = (long)i * width + j;
                    for (var c = 0; c < channels; c++) destination[(int)(c * plane + at)] = cell[c];
                }
            }
        }

        static int Wrap(long v, int n)
        {
            var r = v % n;
            return (int)(r < 0 ? r + n : r);
        }

        static Span<float> Scratch(int channels)
        {
            var s = t_cell;
            if (s == null || s.Length < channels) t_cell = s = new float[channels];
            return s.AsSpan(0, channels);
        }
    }
}
