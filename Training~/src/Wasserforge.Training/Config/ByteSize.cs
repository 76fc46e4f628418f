using System.Globalization;

namespace Wasserforge.Training.Config
{
    /// <summary>Byte counts in words for messages: 512 bytes, 3.2 MB, 1.5 GB (powers of 1024).</summary>
    public static class ByteSize
    {
        /// <summary><paramref name="bytes"/> in the largest unit that keeps the number at 1 or more.</summary>
        public static string Describe(double bytes)
        {
            string[] units = { "bytes", "KB", "MB", "GB", "TB", "PB", "EB" };
            var u = 0;
            while (bytes >= 1024 && u < units.Length - 1) { bytes /= 1024; u++; }
            return u == 0 ? bytes.ToString("0", CultureInfo.InvariantCulture) + " bytes" : bytes.ToString(bytes >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture) + " " + units[u];
        }
    }
}
