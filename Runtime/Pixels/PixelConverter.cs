using System;

namespace Wasserforge.Pixels
{
    /// <summary>Converts generator output (NCHW float32) to RGBA32 texture pixels.</summary>
    public static class PixelConverter
    {
        /// <summary>
        /// Converts <paramref name="count"/> images from planar NCHW floats in
        /// [<paramref name="min"/>, <paramref name="max"/>] to interleaved RGBA32 bytes (sRGB-encoded
        /// values are passed through: the generator was trained on sRGB pixels). Each value maps to
        /// round((v − min) / (max − min) × 255), clamped to 0..255; NaN becomes 0. One channel is
        /// replicated to R, G and B; alpha is 255 unless the model has 4 channels.
        /// </summary>
        /// <param name="nchw">count × channels × height × width floats.</param>
        /// <param name="count">Images to convert.</param>
        /// <param name="channels">1, 3 or 4.</param>
        /// <param name="width">Image width.</param>
        /// <param name="height">Image height.</param>
        /// <param name="rgba">count × height × width × 4 bytes.</param>
        /// <param name="bottomUp">Write rows bottom-up (Unity's texture layout) instead of top-down.</param>
        /// <param name="min">Model value that maps to 0.</param>
        /// <param name="max">Model value that maps to 255.</param>
        /// <exception cref="ArgumentException">A size is not positive, <paramref name="channels"/> is not 1, 3 or 4, min ≥ max, or a span is too short.</exception>
        public static void ToRgba32(ReadOnlySpan<float> nchw, int count, int channels, int width, int height, Span<byte> rgba,
                                    bool bottomUp = false, float min = -1f, float max = 1f)
        {
            if (count <= 0 || width <= 0 || height <= 0) throw new ArgumentException($"count ({count}), width ({width}) and height ({height}) must be positive.");
            if (channels != 1 && channels != 3 && channels != 4) throw new ArgumentException($"channels is {channels}; expected 1, 3 or 4.", nameof(channels));
            if (!(min < max)) throw new ArgumentException($"min ({min}) must be less than max ({max}).");
            var plane = width * height;
            var needIn = (long)count * channels * plane;
            var needOut = (long)count * plane * 4;
            if (nchw.Length < needIn) throw new ArgumentException($"nchw has {nchw.Length} floats; {count} images of {channels}x{height}x{width} need {needIn}.", nameof(nchw));
            if (rgba.Length < needOut) throw new ArgumentException($"rgba has {rgba.Length} bytes; {count} images of {width}x{height} RGBA32 need {needOut}.", nameof(rgba));

            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("PixelConverter writes little-endian RGBA words.");
            var scale = 255.0 / ((double)max - min);
            unsafe
            {
                fixed (float* src0 = nchw)
                fixed (byte* dst0 = rgba)
                {
                    for (var n = 0; n < count; n++)
                    {
                        // One pass per pixel: read each plane, write the four bytes as one 32-bit store (little-endian RGBA).
                        var img = src0 + (long)n * channels * plane;
                        var r = img;
                        var g = channels == 1 ? img : img + plane;
                        var b = channels == 1 ? img : img + 2 * plane;
                        var a = channels == 4 ? img + 3 * plane : null;
                        var dstImage = (uint*)(dst0 + (long)n * plane * 4);
                        for (var y = 0; y < height; y++)
                        {
                            var d = dstImage + (bottomUp ? height - 1 - y : y) * width;
                            var o = y * width;
                            if (channels == 1)
                            {
                                for (var x = 0; x < width; x++)
                                {
                                    uint v = ToByte(r[o + x], min, scale);
                                    d[x] = v | (v << 8) | (v << 16) | 0xFF000000u;
                                }
                            }
                            else if (a == null)
                            {
                                for (var x = 0; x < width; x++)
                                    d[x] = ToByte(r[o + x], min, scale) | ((uint)ToByte(g[o + x], min, scale) << 8) | ((uint)ToByte(b[o + x], min, scale) << 16) | 0xFF000000u;
                            }
                            else
                            {
                                for (var x = 0; x < width; x++)
                                    d[x] = ToByte(r[o + x], min, scale) | ((uint)ToByte(g[o + x], min, scale) << 8) | ((uint)ToByte(b[o + x], min, scale) << 16) | ((uint)ToByte(a[o + x], min, scale) << 24);
                            }
                        }
                    }
                }
            }
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        static byte ToByte(float v, float min, double scale)
        {
            // In double, so that (v − min) · scale + 0.5 is not rounded up across an integer; + 0.5 then
            // truncation rounds half up. Branch-free clamp (generator outputs often saturate, which makes
            // branches unpredictable). NaN stays NaN through Max/Min and converts to an int whose low byte is 0.
            var f = ((double)v - min) * scale + 0.5;
            f = Math.Min(Math.Max(f, 0.0), 255.0);
            return (byte)(int)f;
        }

    }
}
