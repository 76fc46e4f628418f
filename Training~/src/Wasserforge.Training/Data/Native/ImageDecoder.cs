using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Wasserforge.Training.Data.Native
{
    /// <summary>A decoded image: 8-bit RGBA, rows top-down.</summary>
    public sealed class DecodedImage
    {
        /// <summary>Width.</summary>
        public int Width;
        /// <summary>Height.</summary>
        public int Height;
        /// <summary>Channels stored in the file (1 gray, 2 gray+alpha, 3 RGB, 4 RGBA).</summary>
        public int ChannelsInFile;
        /// <summary>Width × Height × 4 bytes.</summary>
        public byte[] Rgba;
    }

    /// <summary>An image file cannot be decoded: it is corrupt, truncated or in an unsupported format.</summary>
    public sealed class ImageDecodeException : WasserforgeException
    {
        /// <summary>The file (or the name given for bytes in memory).</summary>
        public string FilePath { get; }
        /// <summary>stb_image's reason, e.g. "Corrupt PNG" or "unknown image type".</summary>
        public string Reason { get; }

        /// <summary>Creates the exception.</summary>
        public ImageDecodeException(string filePath, string reason)
            : base($"{filePath}: cannot decode image ({reason}). Supported: PNG, JPEG, TGA, BMP.")
        { FilePath = filePath; Reason = reason; }
    }

    /// <summary>
    /// stb_image (compiled into the native shim <c>wasserforge_torch</c>) behind a small API; the only
    /// file that calls it. PNG (8/16-bit, gray, gray+alpha, palette, RGB, RGBA), JPEG (baseline and
    /// progressive), TGA and BMP decode to 8-bit RGBA; 16-bit samples are reduced to 8 bits. The native
    /// buffer is freed before any call returns.
    /// </summary>
    public static unsafe class ImageDecoder
    {
        const string Lib = "wasserforge_torch";
        [DllImport(Lib)] static extern int wf_image_load([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out int w, out int h, out int c, out IntPtr rgba);
        [DllImport(Lib)] static extern int wf_image_load_memory(byte* data, int length, out int w, out int h, out int c, out IntPtr rgba);
        [DllImport(Lib)] static extern void wf_image_free(IntPtr rgba);
        [DllImport(Lib)] static extern IntPtr wf_last_error();

        /// <summary>Decodes a PNG/JPEG/TGA/BMP file, or returns null with the reason in <paramref name="error"/>.</summary>
        public static DecodedImage Decode(string path, out string error)
        {
            error = null;
            if (wf_image_load(path, out var w, out var h, out var c, out var p) != 0)
            {
                error = Marshal.PtrToStringUTF8(wf_last_error());
                return null;
            }
            return Take(p, w, h, c);
        }

        /// <summary>Decodes a PNG/JPEG/TGA/BMP file.</summary>
        /// <exception cref="FileNotFoundException">The file does not exist.</exception>
        /// <exception cref="ImageDecodeException">The file is corrupt or not a supported image.</exception>
        public static DecodedImage DecodeFile(string path)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such image file.", path);
            return Decode(path, out var error) ?? throw new ImageDecodeException(path, Strip(error));
        }

        /// <summary>Decodes an image held in memory; <paramref name="name"/> names it in errors.</summary>
        /// <exception cref="ImageDecodeException">The bytes are corrupt or not a supported image.</exception>
        public static DecodedImage DecodeMemory(ReadOnlySpan<byte> bytes, string name = "<memory>")
        {
            if (bytes.IsEmpty) throw new ImageDecodeException(name, "empty input");
            int w, h, c;
            IntPtr p;
            fixed (byte* data = bytes)
            {
                if (wf_image_load_memory(data, bytes.Length, out w, out h, out c, out p) != 0)
                    throw new ImageDecodeException(name, Strip(Marshal.PtrToStringUTF8(wf_last_error())));
            }
            return Take(p, w, h, c);
        }

        static string Strip(string error) => error != null && error.StartsWith("cannot decode: ", StringComparison.Ordinal) ? error.Substring(15) : error ?? "unknown reason";

        static DecodedImage Take(IntPtr p, int w, int h, int c)
        {
            try
            {
                var bytes = new byte[(long)w * h * 4];
                Marshal.Copy(p, bytes, 0, bytes.Length);
                return new DecodedImage { Width = w, Height = h, ChannelsInFile = c, Rgba = bytes };
            }
            finally { wf_image_free(p); }
        }
    }
}
