using System;
using System.Buffers.Binary;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Tga;

namespace Wasserforge.Training.Data.Decoding
{
    /// <summary>
    /// Finds files cut short where ImageSharp would decode what is there and fill the rest with black
    /// (uncompressed BMP and TGA, JPEG), which would silently put half-empty images in a training set.
    /// A truncated PNG already fails inside ImageSharp (its zlib stream ends early).
    /// </summary>
    static class TruncationCheck
    {
        /// <summary>Why the file is truncated, or null when it is complete (or its format is not checked here).</summary>
        public static string Find(byte[] bytes, IImageFormat format, int width, int height)
        {
            if (format is BmpFormat) return Bmp(bytes, width, height);
            if (format is TgaFormat) return Tga(bytes, width, height);
            if (format is JpegFormat) return Jpeg(bytes);
            return null;
        }

        static string Bmp(byte[] b, int width, int height)
        {
            if (b.Length < 34) return "truncated BMP header";
            var offset = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(10));
            var bpp = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(28));
            var compression = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(30));
            if (compression != 0 && compression != 3) return null;   // RLE and embedded formats: the decoder checks its own data
            var stride = ((long)width * bpp + 31) / 32 * 4;
            return Short("BMP", b.Length, offset + stride * height);
        }

        static string Tga(byte[] b, int width, int height)
        {
            if (b.Length < 18) return "truncated TGA header";
            var type = b[2];
            if (type != 1 && type != 2 && type != 3) return null;   // RLE types: the decoder checks its own data
            var mapLength = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(5));
            var mapEntryBits = b[7];
            var bytesPerPixel = (b[16] + 7) / 8;
            return Short("TGA", b.Length, 18L + b[0] + (mapLength * mapEntryBits + 7) / 8 + (long)width * height * bytesPerPixel);
        }

        static string Short(string format, long length, long needed) =>
            length < needed ? $"truncated {format}: the pixel data ends after {length:N0} of {needed:N0} bytes" : null;

        /// <summary>A complete JPEG has an end-of-image marker (FF D9) after its last start-of-scan (FF DA); neither can occur inside entropy-coded data.</summary>
        static string Jpeg(byte[] b)
        {
            int lastScan = -1, lastEnd = -1;
            for (var i = 0; i + 1 < b.Length; i++)
            {
                if (b[i] != 0xFF) continue;
                if (b[i + 1] == 0xDA) lastScan = i;
                else if (b[i + 1] == 0xD9) lastEnd = i;
            }
            return lastScan < 0 ? "JPEG without image data (no start-of-scan marker)"
                : lastEnd < lastScan ? "truncated JPEG: no end-of-image marker after the last scan" : null;
        }
    }
}
