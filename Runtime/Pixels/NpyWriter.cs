using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Wasserforge.Pixels
{
    /// <summary>Writes float32 arrays in NumPy's .npy format (version 1.0, little-endian, C order).</summary>
    public static class NpyWriter
    {
        /// <summary>The .npy bytes of <paramref name="values"/> with <paramref name="shape"/>.</summary>
        /// <exception cref="ArgumentException">The shape's element count differs from the values'.</exception>
        public static byte[] Encode(ReadOnlySpan<float> values, params int[] shape)
        {
            long count = shape.Aggregate(1L, (a, b) => a * b);
            if (count != values.Length) throw new ArgumentException($"shape ({string.Join(", ", shape)}) has {count} elements but {values.Length} values were given.");
            var dims = shape.Length == 1 ? shape[0].ToString(CultureInfo.InvariantCulture) + "," : string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
            var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
            // magic(6) + version(2) + header length(2) + header + padding + '\n' must be a multiple of 64.
            var total = 10 + header.Length + 1;
            var padded = (total + 63) / 64 * 64;
            header = header + new string(' ', padded - total) + "\n";
            var bytes = new byte[10 + header.Length + values.Length * 4];
            new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }.CopyTo(bytes, 0);
            bytes[8] = (byte)header.Length; bytes[9] = (byte)(header.Length >> 8);
            Encoding.ASCII.GetBytes(header).CopyTo(bytes, 10);
            var o = 10 + header.Length;
            for (var i = 0; i < values.Length; i++)
            {
                var b = BitConverter.GetBytes(values[i]);
                if (!BitConverter.IsLittleEndian) Array.Reverse(b);
                Buffer.BlockCopy(b, 0, bytes, o + i * 4, 4);
            }
            return bytes;
        }

        /// <summary>Writes a .npy file atomically.</summary>
        /// <exception cref="ArgumentException">The shape's element count differs from the values'.</exception>
        public static void WriteFile(string path, ReadOnlySpan<float> values, params int[] shape) => AtomicFile.Write(path, Encode(values, shape));
    }
}
