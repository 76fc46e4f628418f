using System;
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

    /// <summary>stb_image (compiled into the shim) behind <see cref="Decode"/>; the only file that calls it.</summary>
    public static unsafe class ImageDecoder
    {
        const string Lib = "wasserforge_torch";
        [DllImport(Lib)] static extern int wf_image_load([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out int w, out int h, out int c, out IntPtr rgba);
        [DllImport(Lib)] static extern void wf_image_free(IntPtr rgba);
        [DllImport(Lib)] static extern IntPtr wf_last_error();

        /// <summary>Decodes a PNG/JPEG/TGA/BMP file, or returns null with the reason.</summary>
        public static DecodedImage Decode(string path, out string error)
        {
            error = null;
            if (wf_image_load(path, out var w, out var h, out var c, out var p) != 0)
            {
                error = Marshal.PtrToStringUTF8(wf_last_error());
                return null;
            }
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
