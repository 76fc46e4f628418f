using System;
using System.Numerics;

namespace Wasserforge.Pixels
{
    /// <summary>Converts generator output (NCHW float32) to RGBA32 texture pixels.</summary>
    public static class PixelConverter
    {
        /// <summary>Pixels converted per chunk: four planes of this many ints fit in 4 KiB of stack.</summary>
        const int Chunk = 256;

        /// <summary>
        /// A float result closer than this to an integer may round differently from the exact double
        /// computation (float error is below 5e-5 over the 0..256 range); such values are redone in double.
        /// </summary>
        const float Ambiguity = 1e-4f;

        /// <summary>
        /// Converts <paramref name="count"/> images from planar NCHW floats in
        /// [<paramref name="min"/>, <paramref name="max"/>] to interleaved RGBA32 bytes (sRGB-encoded
        /// values are passed through: the generator was trained on sRGB pixels). Each value maps to
        /// round((v − min) / (max − min) × 255), halves rounded up, clamped to 0..255; NaN becomes 0.
        /// One channel is replicated to R, G and B; alpha is 255 unless the model has 4 channels.
        /// SIMD where the runtime accelerates <see cref="Vector{T}"/>, with results identical to the
        /// scalar path.
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
        /// <exception cref="PlatformNotSupportedException">The machine is big-endian.</exception>
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

            var map = new LevelMap(min, max);
            unsafe
            {
                var levels = stackalloc int[4 * Chunk];
                fixed (float* src0 = nchw)
                fixed (byte* dst0 = rgba)
                {
                    for (var n = 0; n < count; n++)
                        ConvertRegion(src0 + (long)n * channels * plane, channels, width, height, 0, 0, width, height,
                                      (uint*)(dst0 + (long)n * plane * 4), width, height, 0, 0, bottomUp, map, levels);
                }
            }
        }

        /// <summary>
        /// Converts the <paramref name="regionWidth"/> × <paramref name="regionHeight"/> region at
        /// (<paramref name="srcX"/>, <paramref name="srcY"/>) of one planar CHW image of
        /// <paramref name="srcWidth"/> × <paramref name="srcHeight"/> into the RGBA32 image of
        /// <paramref name="dstWidth"/> × <paramref name="dstHeight"/> at (<paramref name="dstX"/>, <paramref name="dstY"/>)
        /// (top-down coordinates; rows stored bottom-up when <paramref name="bottomUp"/>), with the levels of
        /// <see cref="ToRgba32"/>. The caller checks the sizes (texture tiles).
        /// </summary>
        internal static unsafe void ToRgba32Region(ReadOnlySpan<float> chw, int channels, int srcWidth, int srcHeight, int srcX, int srcY,
                                                   int regionWidth, int regionHeight, Span<byte> rgba, int dstWidth, int dstHeight, int dstX, int dstY,
                                                   bool bottomUp, float min, float max)
        {
            if ((long)channels * srcWidth * srcHeight > chw.Length || (long)dstWidth * dstHeight * 4 > rgba.Length
                || srcX + regionWidth > srcWidth || srcY + regionHeight > srcHeight || dstX + regionWidth > dstWidth || dstY + regionHeight > dstHeight)
                throw new ArgumentException("the region does not fit its source or destination image.");
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("PixelConverter writes little-endian RGBA words.");
            var levels = stackalloc int[4 * Chunk];
            fixed (float* src = chw)
            fixed (byte* dst = rgba)
                ConvertRegion(src, channels, srcWidth, srcHeight, srcX, srcY, regionWidth, regionHeight, (uint*)dst, dstWidth, dstHeight, dstX, dstY,
                              bottomUp, new LevelMap(min, max), levels);
        }

        /// <summary>The conversion loop: a region of one planar image into one RGBA image, <see cref="Chunk"/> pixels at a time.</summary>
        static unsafe void ConvertRegion(float* src, int channels, int srcWidth, int srcHeight, int srcX, int srcY, int regionWidth, int regionHeight,
                                         uint* dst, int dstWidth, int dstHeight, int dstX, int dstY, bool bottomUp, in LevelMap map, int* levels)
        {
            var plane = (long)srcWidth * srcHeight;
            for (var y = 0; y < regionHeight; y++)
            {
                var dy = dstY + y;
                var row = dst + (long)(bottomUp ? dstHeight - 1 - dy : dy) * dstWidth + dstX;
                for (var x0 = 0; x0 < regionWidth; x0 += Chunk)
                {
                    var len = Math.Min(Chunk, regionWidth - x0);
                    var offset = (long)(srcY + y) * srcWidth + srcX + x0;
                    for (var c = 0; c < channels; c++)
                        map.Convert(src + c * plane + offset, levels + c * Chunk, len);
                    Interleave(levels, channels, row + x0, len);
                }
            }
        }

        /// <summary>Packs per-channel levels (0..255 ints, planes <see cref="Chunk"/> apart) into RGBA words.</summary>
        static unsafe void Interleave(int* levels, int channels, uint* dst, int len)
        {
            var r = levels;
            var g = levels + Chunk;
            var b = levels + 2 * Chunk;
            var a = levels + 3 * Chunk;
            if (channels == 1)
                for (var x = 0; x < len; x++) { var v = (uint)r[x]; dst[x] = v | (v << 8) | (v << 16) | 0xFF000000u; }
            else if (channels == 3)
                for (var x = 0; x < len; x++) dst[x] = (uint)r[x] | ((uint)g[x] << 8) | ((uint)b[x] << 16) | 0xFF000000u;
            else
                for (var x = 0; x < len; x++) dst[x] = (uint)r[x] | ((uint)g[x] << 8) | ((uint)b[x] << 16) | ((uint)a[x] << 24);
        }

        /// <summary>The float → level mapping for one value range.</summary>
        readonly struct LevelMap
        {
            readonly float _min;
            readonly double _scale;
            readonly float _scaleF;
            readonly float _offsetF;

            public LevelMap(float min, float max)
            {
                _min = min;
                _scale = 255.0 / ((double)max - min);
                _scaleF = (float)_scale;
                _offsetF = (float)(0.5 - min * _scale);
            }

            /// <summary>Writes the level (0..255) of each of <paramref name="len"/> values.</summary>
            public unsafe void Convert(float* src, int* dst, int len)
            {
                var x = 0;
                if (Vector.IsHardwareAccelerated)
                {
                    var width = Vector<float>.Count;
                    var scale = new Vector<float>(_scaleF);
                    var offset = new Vector<float>(_offsetF);
                    var low = new Vector<float>(-0.25f);
                    var high = new Vector<float>(255.75f);
                    var half = new Vector<float>(0.5f);
                    var zero = Vector<int>.Zero;
                    var top = new Vector<int>(255);
                    var ambiguity = new Vector<float>(Ambiguity);
                    for (; x + width <= len; x += width)
                    {
                        // f = (v − min)·scale + 0.5 in float; its integer part is the level, except where f
                        // lies so close to an integer that float rounding may have crossed it: redo those in double.
                        var f = Vector.Min(Vector.Max(*(Vector<float>*)(src + x) * scale + offset, low), high);
                        var level = Vector.ConvertToInt32(f);
                        var nearest = Vector.ConvertToSingle(Vector.ConvertToInt32(f + half));
                        *(Vector<int>*)(dst + x) = Vector.Min(Vector.Max(level, zero), top);
                        if (Vector.LessThanAny(Vector.Abs(f - nearest), ambiguity))
                            for (var i = x; i < x + width; i++) dst[i] = Exact(src[i]);
                    }
                }
                for (; x < len; x++) dst[x] = Exact(src[x]);
            }

            /// <summary>
            /// The reference mapping, in double so that (v − min)·scale + 0.5 is not rounded across an
            /// integer; truncation of a value ≥ 0 then rounds half up. NaN stays NaN through the
            /// comparisons and converts to an int whose low byte is 0.
            /// </summary>
            int Exact(float v)
            {
                var f = ((double)v - _min) * _scale + 0.5;
                if (f < 0.0) f = 0.0;
                if (f > 255.0) f = 255.0;
                return (int)f & 0xFF;
            }
        }
    }
}
