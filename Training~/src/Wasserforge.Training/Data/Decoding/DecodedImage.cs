namespace Wasserforge.Training.Data.Decoding
{
    /// <summary>A decoded image: 8-bit RGBA, rows top-down.</summary>
    public sealed class DecodedImage
    {
        /// <summary>Width in pixels.</summary>
        public int Width;
        /// <summary>Height in pixels.</summary>
        public int Height;
        /// <summary>Channels stored in the file (1 gray, 2 gray+alpha, 3 RGB, 4 RGBA or CMYK).</summary>
        public int ChannelsInFile;
        /// <summary>Width × Height × 4 bytes.</summary>
        public byte[] Rgba;
    }
}
