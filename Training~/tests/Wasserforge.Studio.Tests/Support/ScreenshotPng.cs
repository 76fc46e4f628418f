using System;
using System.IO;
using System.IO.Compression;

namespace Wasserforge.Studio.Tests.Support
{
    /// <summary>
    /// Reads the browser's screenshots (8-bit RGB or RGBA PNG, any row filter, not interlaced) into RGBA,
    /// independently of our encoder, so screen pixels can be compared with generated ones.
    /// </summary>
    public sealed class ScreenshotPng
    {
        public int Width { get; }
        public int Height { get; }
        readonly byte[] _rgba;

        ScreenshotPng(int w, int h, byte[] rgba) { Width = w; Height = h; _rgba = rgba; }

        /// <summary>The colour at (x, y) as (r, g, b, a).</summary>
        public (byte r, byte g, byte b, byte a) At(int x, int y)
        {
            if (x < 0 || y < 0 || x >= Width || y >= Height) throw new ArgumentOutOfRangeException(nameof(x), $"({x}, {y}) is outside the {Width}x{Height} screenshot.");
            var i = (y * Width + x) * 4;
            return (_rgba[i], _rgba[i + 1], _rgba[i + 2], _rgba[i + 3]);
        }

        public static ScreenshotPng Decode(byte[] png)
        {
            int w = 0, h = 0, colourType = 0, depth = 0, interlace = 0;
            var idat = new MemoryStream();
            for (var p = 8; p + 8 <= png.Length;)
            {
                var n = (png[p] << 24) | (png[p + 1] << 16) | (png[p + 2] << 8) | png[p + 3];
                var type = System.Text.Encoding.ASCII.GetString(png, p + 4, 4);
                if (type == "IHDR")
                {
                    w = BigEndian(png, p + 8); h = BigEndian(png, p + 12);
                    depth = png[p + 16]; colourType = png[p + 17]; interlace = png[p + 20];
                }
                else if (type == "IDAT") idat.Write(png, p + 8, n);
                else if (type == "IEND") break;
                p += 12 + n;
            }
            if (depth != 8 || (colourType != 2 && colourType != 6) || interlace != 0)
                throw new NotSupportedException($"screenshot PNG with depth {depth}, colour type {colourType}, interlace {interlace}");
            var bpp = colourType == 6 ? 4 : 3;
            var stride = w * bpp;
            var raw = new MemoryStream();
            idat.Position = 0;
            using (var z = new ZLibStream(idat, CompressionMode.Decompress)) z.CopyTo(raw);
            var data = raw.ToArray();
            var pixels = new byte[h * stride];
            for (var y = 0; y < h; y++)
            {
                var filter = data[y * (stride + 1)];
                var src = y * (stride + 1) + 1;
                var dst = y * stride;
                for (var x = 0; x < stride; x++)
                {
                    int a = x >= bpp ? pixels[dst + x - bpp] : 0;
                    int b = y > 0 ? pixels[dst - stride + x] : 0;
                    int c = x >= bpp && y > 0 ? pixels[dst - stride + x - bpp] : 0;
                    int predictor = filter switch
                    {
                        0 => 0,
                        1 => a,
                        2 => b,
                        3 => (a + b) / 2,
                        4 => Paeth(a, b, c),
                        _ => throw new InvalidDataException($"row {y}: unknown PNG filter {filter}"),
                    };
                    pixels[dst + x] = (byte)(data[src + x] + predictor);
                }
            }
            var rgba = new byte[w * h * 4];
            for (var i = 0; i < w * h; i++)
            {
                rgba[i * 4] = pixels[i * bpp];
                rgba[i * 4 + 1] = pixels[i * bpp + 1];
                rgba[i * 4 + 2] = pixels[i * bpp + 2];
                rgba[i * 4 + 3] = bpp == 4 ? pixels[i * bpp + 3] : (byte)255;
            }
            return new ScreenshotPng(w, h, rgba);
        }

        static int BigEndian(byte[] b, int i) => (b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3];

        static int Paeth(int a, int b, int c)
        {
            var p = a + b - c;
            int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
    }
}
