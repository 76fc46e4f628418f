using System;
using System.Threading;
using Wasserforge.Contract;
using Wasserforge.Latent;
using Wasserforge.Pixels;

namespace Wasserforge.Generation
{
    /// <summary>
    /// Generates textures of any size from a texture model in tiles, so memory stays bounded by the tile:
    /// for each tile of up to T × T noise cells (<see cref="GeneratorOptions.TextureTileCells"/>) it fills the
    /// wf-noise-1 window of the tile plus <c>noise_halo</c> cells on every side (coordinates wrapped on the
    /// texture's torus), runs the graph once and keeps the centre. The halo covers the graph's receptive
    /// field, so the centre equals the whole-texture run exactly; an axis of at most T cells is run whole
    /// (no halo: the graph's own circular padding wraps it). All tiles of a texture have one window shape,
    /// the last one along an axis moved back to end at the edge, so one ORT binding serves them all.
    /// Steady state allocates nothing: per-thread noise and tile buffers grow to the window, not the texture.
    /// </summary>
    internal static class TextureTiler
    {
        [ThreadStatic] static float[] t_noise;
        [ThreadStatic] static float[] t_tile;

        /// <summary>How the cells of one axis are cut: window length, tile count, tile length, halo.</summary>
        readonly struct AxisPlan
        {
            public readonly int Cells;
            public readonly int Tile;
            public readonly int Halo;
            public readonly int Tiles;

            public AxisPlan(int cells, int tileCells, int halo)
            {
                Cells = cells;
                if (cells <= tileCells) { Tile = cells; Halo = 0; Tiles = 1; }
                else { Tile = tileCells; Halo = halo; Tiles = (cells + tileCells - 1) / tileCells; }
            }

            public int Window => Tile + 2 * Halo;

            /// <summary>First cell of tile <paramref name="k"/>'s centre (the last tile ends at the edge).</summary>
            public int Start(int k) => Math.Min(k * Tile, Cells - Tile);
        }

        /// <summary>
        /// Generates <paramref name="count"/> textures of <paramref name="width"/> × <paramref name="height"/> (whole
        /// noise cells, checked by the caller), one global code each from <paramref name="latents"/> and the same
        /// noise seed, into planar floats (<paramref name="floats"/>, count × C × H × W) or, when
        /// <paramref name="floats"/> is empty, RGBA32 bytes (<paramref name="rgba"/>, count × H × W × 4).
        /// </summary>
        public static void Generate(IGeneratorEngine engine, GeneratorDescription d, int tileCells, ReadOnlySpan<float> latents, int count,
                                    ulong noiseSeed, int width, int height, Span<float> floats, Span<byte> rgba, bool bottomUp, CancellationToken ct)
        {
            var s = d.NoiseScale;
            var rows = new AxisPlan(height / s, tileCells, d.NoiseHalo);
            var cols = new AxisPlan(width / s, tileCells, d.NoiseHalo);
            int wh = rows.Window, ww = cols.Window;
            var noise = Grow(ref t_noise, (long)d.NoiseChannels * wh * ww);
            var tileH = wh * s;
            var tileW = ww * s;
            var tilePlane = (long)tileH * tileW;
            var tile = Grow(ref t_tile, count * d.Channels * tilePlane);
            var samplePlane = (long)width * height;
            for (var ty = 0; ty < rows.Tiles; ty++)
            {
                var cy = rows.Start(ty);
                for (var tx = 0; tx < cols.Tiles; tx++)
                {
                    ct.ThrowIfCancellationRequested();
                    var cx = cols.Start(tx);
                    TextureNoise.Fill(noiseSeed, d.NoiseChannels, cy - rows.Halo, cx - cols.Halo, wh, ww, rows.Cells, cols.Cells, noise);
                    engine.RunNoise(latents, count, noise, wh, ww, tile, ct);
                    int srcY = rows.Halo * s, srcX = cols.Halo * s, regionH = rows.Tile * s, regionW = cols.Tile * s;
                    for (var n = 0; n < count; n++)
                    {
                        var sample = tile.AsSpan((int)(n * d.Channels * tilePlane), (int)(d.Channels * tilePlane));
                        if (floats.IsEmpty)
                        {
                            PixelConverter.ToRgba32Region(sample, d.Channels, tileW, tileH, srcX, srcY, regionW, regionH,
                                rgba.Slice((int)(n * samplePlane * 4), (int)(samplePlane * 4)), width, height, cx * s, cy * s, bottomUp, d.ValueMin, d.ValueMax);
                            continue;
                        }
                        for (var c = 0; c < d.Channels; c++)
                        {
                            var src = sample.Slice((int)(c * tilePlane));
                            var dst = floats.Slice((int)((n * d.Channels + c) * samplePlane));
                            for (var y = 0; y < regionH; y++)
                                src.Slice((srcY + y) * tileW + srcX, regionW).CopyTo(dst.Slice((cy * s + y) * width + cx * s, regionW));
                        }
                    }
                }
            }
        }

        static float[] Grow(ref float[] buffer, long length)
        {
            if (length > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(length), length, "a texture tile this large does not fit one buffer; lower GeneratorOptions.TextureTileCells.");
            var b = buffer;
            if (b == null || b.Length < length) buffer = b = new float[length];
            return b;
        }
    }
}
