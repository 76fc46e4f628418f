using System;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tga;
using SixLabors.ImageSharp.Memory;

namespace Wasserforge.Training.Data.Decoding
{
    /// <summary>
    /// How large an image <see cref="ImageDecoder"/> accepts. Every limit is checked before the pixels are
    /// allocated: the file size before the file is read, width, height and pixel count from the header.
    /// Only the first frame is decoded. <see cref="Default"/> fits any texture or sprite sheet a game uses
    /// (16384 px a side, 8192 × 8192 pixels in all, 256 MiB as 8-bit RGBA).
    /// </summary>
    public sealed class DecodeLimits
    {
        /// <summary>The defaults: 256 MiB files, 16384 px wide and high, 67,108,864 pixels (8192 × 8192).</summary>
        public static DecodeLimits Default { get; } = new DecodeLimits();

        /// <summary>Largest file in bytes (default 268,435,456 = 256 MiB).</summary>
        public long MaxFileBytes { get; init; } = 256L << 20;
        /// <summary>Largest width in pixels (default 16384).</summary>
        public int MaxWidth { get; init; } = 16384;
        /// <summary>Largest height in pixels (default 16384).</summary>
        public int MaxHeight { get; init; } = 16384;
        /// <summary>Largest width × height (default 67,108,864 = 8192 × 8192).</summary>
        public long MaxPixels { get; init; } = 8192L * 8192;

        Configuration _configuration;

        /// <summary>
        /// ImageSharp set up for these limits: only the PNG, JPEG, TGA and BMP decoders are registered (no GIF,
        /// TIFF, WebP or PBM code is reachable), one thread, and an allocator that refuses any single buffer
        /// larger than 8 bytes per pixel of <see cref="MaxPixels"/> plus 16 MiB (a second line of defence behind the
        /// header checks) and pools at most 64 MiB.
        /// </summary>
        internal Configuration Configuration => _configuration ??= Create();

        Configuration Create()
        {
            var largestBuffer = Math.Max(1, MaxPixels * 8 / (1 << 20) + 16);
            return new Configuration(new PngConfigurationModule(), new JpegConfigurationModule(), new TgaConfigurationModule(), new BmpConfigurationModule())
            {
                MaxDegreeOfParallelism = 1,
                MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions
                {
                    AllocationLimitMegabytes = (int)Math.Min(int.MaxValue, largestBuffer),
                    MaximumPoolSizeMegabytes = 64,
                }),
            };
        }
    }
}
