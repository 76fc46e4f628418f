using System;
using System.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tga;
using SixLabors.ImageSharp.PixelFormats;

namespace Wasserforge.Training.Data.Decoding
{
    /// <summary>
    /// Decodes PNG (1–16-bit gray, gray+alpha, palette with or without transparency, RGB, RGBA), JPEG
    /// (baseline and progressive; gray, YCbCr, RGB, CMYK and YCCK), TGA and BMP to 8-bit RGBA with ImageSharp
    /// 2.1.13 (managed code, no native library). 16-bit samples are scaled to 8 bits. The file size and the
    /// header's width, height and pixel count are checked against <see cref="DecodeLimits"/> before anything
    /// is allocated for the pixels; only the first frame is decoded. The format is found from the content,
    /// not the file name.
    /// </summary>
    public static class ImageDecoder
    {
        /// <summary>Decodes a PNG/JPEG/TGA/BMP file within <paramref name="limits"/> (default <see cref="DecodeLimits.Default"/>).</summary>
        /// <exception cref="FileNotFoundException">The file does not exist.</exception>
        /// <exception cref="ImageLimitException">The file or the image it declares is larger than a limit allows.</exception>
        /// <exception cref="ImageDecodeException">The file is empty, unreadable, corrupt, truncated or not a supported image.</exception>
        /// <remarks>A TGA wider or higher than 32767 px is refused as an invalid size: ImageSharp 2.x reads its size fields as signed.</remarks>
        public static DecodedImage DecodeFile(string path, DecodeLimits limits = null)
        {
            limits ??= DecodeLimits.Default;
            if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such image file.", path);
            byte[] bytes;
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                var length = stream.Length;
                if (length == 0) throw new ImageDecodeException(path, "empty file (0 bytes)");
                if (length > limits.MaxFileBytes) throw new ImageLimitException(path, nameof(DecodeLimits.MaxFileBytes), "file size", length, limits.MaxFileBytes, "bytes");
                bytes = new byte[length];
                stream.ReadExactly(bytes);
            }
            catch (EndOfStreamException) { throw new ImageDecodeException(path, "the file shrank while it was read"); }
            catch (IOException e) { throw new ImageDecodeException(path, $"cannot read the file: {e.Message}"); }
            catch (UnauthorizedAccessException e) { throw new ImageDecodeException(path, $"cannot read the file: {e.Message}"); }
            return Decode(bytes, path, limits);
        }

        /// <summary>Decodes an image held in memory; <paramref name="name"/> names it in errors.</summary>
        /// <exception cref="ImageLimitException">The bytes or the image they declare are larger than a limit allows.</exception>
        /// <exception cref="ImageDecodeException">The bytes are empty, corrupt, truncated or not a supported image.</exception>
        public static DecodedImage DecodeMemory(ReadOnlySpan<byte> bytes, string name = "<memory>", DecodeLimits limits = null)
        {
            limits ??= DecodeLimits.Default;
            if (bytes.IsEmpty) throw new ImageDecodeException(name, "empty input");
            if (bytes.Length > limits.MaxFileBytes) throw new ImageLimitException(name, nameof(DecodeLimits.MaxFileBytes), "size", bytes.Length, limits.MaxFileBytes, "bytes");
            return Decode(bytes.ToArray(), name, limits);
        }

        static DecodedImage Decode(byte[] bytes, string name, DecodeLimits limits)
        {
            var config = limits.Configuration;
            try
            {
                IImageInfo info;
                IImageFormat format;
                using (var header = new MemoryStream(bytes, false)) info = Image.Identify(config, header, out format);
                if (info == null || format == null) throw new ImageDecodeException(name, "not a PNG, JPEG, TGA or BMP image");
                CheckSize(name, info.Width, info.Height, limits);
                var truncated = TruncationCheck.Find(bytes, format, info.Width, info.Height);
                if (truncated != null) throw new ImageDecodeException(name, truncated);
                using var stream = new MemoryStream(bytes, false);
                using var image = Image.Load<Rgba32>(config, stream);
                if (image.Width != info.Width || image.Height != info.Height)
                    throw new ImageDecodeException(name, $"the header says {info.Width}x{info.Height} but the image decoded as {image.Width}x{image.Height}");
                var rgba = new byte[(long)image.Width * image.Height * 4];
                image.Frames.RootFrame.CopyPixelDataTo(rgba);
                return new DecodedImage { Width = image.Width, Height = image.Height, ChannelsInFile = ChannelsInFile(image, format, rgba), Rgba = rgba };
            }
            catch (ImageDecodeException) { throw; }
            catch (UnknownImageFormatException) { throw new ImageDecodeException(name, "not a PNG, JPEG, TGA or BMP image"); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // ImageSharp reports damaged content as InvalidImageContentException, but a crafted file can also
                // surface as an index, argument or end-of-stream error from inside a decoder: all mean "corrupt".
                throw new ImageDecodeException(name, $"corrupt or truncated {FormatName(bytes)}: {e.Message.TrimEnd('.')}");
            }
        }

        static void CheckSize(string name, int width, int height, DecodeLimits limits)
        {
            if (width <= 0 || height <= 0) throw new ImageDecodeException(name, $"the header gives an invalid size {width}x{height}");
            if (width > limits.MaxWidth) throw new ImageLimitException(name, nameof(DecodeLimits.MaxWidth), "width", width, limits.MaxWidth, "px");
            if (height > limits.MaxHeight) throw new ImageLimitException(name, nameof(DecodeLimits.MaxHeight), "height", height, limits.MaxHeight, "px");
            var pixels = (long)width * height;
            if (pixels > limits.MaxPixels) throw new ImageLimitException(name, nameof(DecodeLimits.MaxPixels), $"{width}x{height} =", pixels, limits.MaxPixels, "pixels");
        }

        static int ChannelsInFile(Image image, IImageFormat format, byte[] rgba)
        {
            var meta = image.Metadata;
            if (format is PngFormat)
                return meta.GetPngMetadata().ColorType switch
                {
                    PngColorType.Grayscale => 1,
                    PngColorType.GrayscaleWithAlpha => 2,
                    PngColorType.RgbWithAlpha => 4,
                    PngColorType.Palette => HasAlpha(rgba) ? 4 : 3,   // a tRNS chunk made some entry transparent
                    _ => 3,
                };
            if (format is JpegFormat)
                return meta.GetJpegMetadata().ColorType switch
                {
                    JpegColorType.Luminance => 1,
                    JpegColorType.Cmyk => 4,
                    _ => 3,
                };
            if (format is TgaFormat) return meta.GetTgaMetadata().AlphaChannelBits > 0 ? 4 : meta.GetTgaMetadata().BitsPerPixel == TgaBitsPerPixel.Pixel8 ? 1 : 3;
            if (format is BmpFormat) return meta.GetBmpMetadata().BitsPerPixel == BmpBitsPerPixel.Pixel32 ? 4 : 3;
            return 4;
        }

        static bool HasAlpha(byte[] rgba)
        {
            for (var i = 3; i < rgba.Length; i += 4) if (rgba[i] != 255) return true;
            return false;
        }

        static string FormatName(byte[] bytes) =>
            bytes.Length >= 8 && bytes[0] == 0x89 && bytes[1] == (byte)'P' ? "PNG"
            : bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xD8 ? "JPEG"
            : bytes.Length >= 2 && bytes[0] == (byte)'B' && bytes[1] == (byte)'M' ? "BMP"
            : "image";
    }
}
