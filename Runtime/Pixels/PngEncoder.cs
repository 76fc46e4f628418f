using System;
using System.IO;
using System.IO.Compression;

namespace Wasserforge.Pixels
{
    /// <summary>Encodes 8-bit gray, RGB or RGBA pixels (rows top-down) as PNG, with no engine dependency.</summary>
    public static class PngEncoder
    {
        static readonly uint[] s_crcTable = MakeCrcTable();

        /// <summary>PNG bytes of a width × height image with 1 (gray), 3 (RGB) or 4 (RGBA) bytes per pixel.</summary>
        /// <exception cref="ArgumentException">A size is not positive, channels is not 1, 3 or 4, or pixels is too short.</exception>
        public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels = 4)
        {
            if (width <= 0 || height <= 0) throw new ArgumentException($"image size {width}x{height} must be positive.");
            if (channels != 1 && channels != 3 && channels != 4) throw new ArgumentException($"channels is {channels}; PNG needs 1, 3 or 4.", nameof(channels));
            var stride = width * channels;
            if (pixels.Length < stride * height) throw new ArgumentException($"pixels has {pixels.Length} bytes; {width}x{height}x{channels} needs {stride * height}.", nameof(pixels));

            using (var png = new MemoryStream())
            {
                png.Write(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, 0, 8);
                var ihdr = new byte[13];
                WriteBigEndian(ihdr, 0, (uint)width);
                WriteBigEndian(ihdr, 4, (uint)height);
                ihdr[8] = 8;                                              // bit depth
                ihdr[9] = (byte)(channels == 1 ? 0 : channels == 3 ? 2 : 6); // colour type
                WriteChunk(png, "IHDR", ihdr);
                WriteChunk(png, "IDAT", Zlib(pixels, stride, height));
                WriteChunk(png, "IEND", Array.Empty<byte>());
                return png.ToArray();
            }
        }

        /// <summary>Writes a PNG file atomically (temp file, then rename).</summary>
        /// <exception cref="ArgumentException">See <see cref="Encode"/>.</exception>
        /// <exception cref="IOException">The file cannot be written.</exception>
        public static void WriteFile(string path, ReadOnlySpan<byte> pixels, int width, int height, int channels = 4)
        {
            AtomicFile.Write(path, Encode(pixels, width, height, channels));
        }

        static byte[] Zlib(ReadOnlySpan<byte> pixels, int stride, int height)
        {
            // Each row: filter type 0 (none), then the row's bytes.
            var raw = new byte[(stride + 1) * height];
            for (var y = 0; y < height; y++) pixels.Slice(y * stride, stride).CopyTo(raw.AsSpan(y * (stride + 1) + 1));
            using (var z = new MemoryStream())
            {
                z.WriteByte(0x78); z.WriteByte(0x9C);
                using (var deflate = new DeflateStream(z, CompressionLevel.Optimal, leaveOpen: true)) deflate.Write(raw, 0, raw.Length);
                var adler = Adler32(raw);
                var tail = new byte[4];
                WriteBigEndian(tail, 0, adler);
                z.Write(tail, 0, 4);
                return z.ToArray();
            }
        }

        static void WriteChunk(Stream s, string type, byte[] data)
        {
            var header = new byte[8];
            WriteBigEndian(header, 0, (uint)data.Length);
            for (var i = 0; i < 4; i++) header[4 + i] = (byte)type[i];
            s.Write(header, 0, 8);
            s.Write(data, 0, data.Length);
            var crc = Crc32(header.AsSpan(4, 4), data);
            var c = new byte[4];
            WriteBigEndian(c, 0, crc);
            s.Write(c, 0, 4);
        }

        static void WriteBigEndian(byte[] b, int o, uint v)
        {
            b[o] = (byte)(v >> 24); b[o + 1] = (byte)(v >> 16); b[o + 2] = (byte)(v >> 8); b[o + 3] = (byte)v;
        }

        /// <summary>Adler-32 checksum (zlib trailer).</summary>
        public static uint Adler32(ReadOnlySpan<byte> data)
        {
            uint a = 1, b = 0;
            var i = 0;
            while (i < data.Length)
            {
                var n = Math.Min(5552, data.Length - i);   // largest block without overflow before the modulo
                for (var k = 0; k < n; k++) { a += data[i++]; b += a; }
                a %= 65521; b %= 65521;
            }
            return (b << 16) | a;
        }

        static uint[] MakeCrcTable()
        {
            var t = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                var c = n;
                for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                t[n] = c;
            }
            return t;
        }

        /// <summary>CRC-32 (PNG chunks) over two consecutive spans.</summary>
        public static uint Crc32(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
        {
            var c = 0xFFFFFFFFu;
            foreach (var b in first) c = s_crcTable[(c ^ b) & 0xFF] ^ (c >> 8);
            foreach (var b in second) c = s_crcTable[(c ^ b) & 0xFF] ^ (c >> 8);
            return c ^ 0xFFFFFFFFu;
        }
    }
}
