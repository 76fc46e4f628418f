namespace Wasserforge.Training.Data.Decoding
{
    /// <summary>An image file cannot be decoded: it is empty, corrupt, truncated or in an unsupported format.</summary>
    public class ImageDecodeException : WasserforgeException
    {
        /// <summary>The file (or the name given for bytes in memory).</summary>
        public string FilePath { get; }
        /// <summary>Why, e.g. "empty file (0 bytes)" or the decoder's own message.</summary>
        public string Reason { get; }

        /// <summary>Creates the exception: "<c>FILE: cannot decode image (REASON). Supported: PNG, JPEG, TGA, BMP.</c>"</summary>
        public ImageDecodeException(string filePath, string reason)
            : base($"{filePath}: cannot decode image ({reason}). Supported: PNG, JPEG, TGA, BMP.")
        { FilePath = filePath; Reason = reason; }

        /// <summary>Creates the exception with its own message.</summary>
        protected ImageDecodeException(string filePath, string reason, string message) : base(message)
        { FilePath = filePath; Reason = reason; }
    }

    /// <summary>
    /// An image is larger than a <see cref="DecodeLimits"/> value allows (file size, width, height or pixel
    /// count). Thrown before the pixels are allocated.
    /// </summary>
    public sealed class ImageLimitException : ImageDecodeException
    {
        /// <summary>The limit that was exceeded: the <see cref="DecodeLimits"/> property name, e.g. "MaxPixels".</summary>
        public string Limit { get; }
        /// <summary>The file's value (bytes or pixels).</summary>
        public long Value { get; }
        /// <summary>The largest value the limit allows.</summary>
        public long Maximum { get; }

        /// <summary>Creates the exception: "<c>FILE: image too large: WHAT VALUE is over the limit of MAX (DecodeLimits.LIMIT).</c>"</summary>
        public ImageLimitException(string filePath, string limit, string what, long value, long maximum, string unit)
            : base(filePath, $"{what} {value:N0} {unit} is over the limit of {maximum:N0} {unit}",
                $"{filePath}: image too large: {what} {value:N0} {unit} is over the limit of {maximum:N0} {unit} (DecodeLimits.{limit}).")
        { Limit = limit; Value = value; Maximum = maximum; }
    }
}
