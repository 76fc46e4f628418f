using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Wasserforge.Pixels
{
    /// <summary>
    /// Writes float32 arrays of any shape in NumPy's .npy format, version 1.0: the magic <c>\x93NUMPY</c>,
    /// version 1.0, a little-endian 16-bit header length, an ASCII dict
    /// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (…), }</c> padded with spaces and a newline
    /// so the data starts at a multiple of 64 bytes, then the values little-endian in C (row-major) order.
    /// </summary>
    public static class NpyWriter
    {
        /// <summary>The .npy bytes of <paramref name="values"/> with <paramref name="shape"/> (an empty shape is a scalar).</summary>
        /// <exception cref="ArgumentException">A dimension is negative, or the shape's element count differs from the values'.</exception>
        public static byte[] Encode(ReadOnlySpan<float> values, params int[] shape)
        {
            shape = shape ?? Array.Empty<int>();
            long count = 1;
            foreach (var d in shape)
            {
                if (d < 0) throw new ArgumentException($"shape ({string.Join(", ", shape)}) has a negative dimension.", nameof(shape));
                count *= d;
            }
            if (count != values.Length) throw new ArgumentException($"shape ({string.Join(", ", shape)}) has {count} elements but {values.Length} values were given.", nameof(shape));
            var dims = new StringBuilder();
            for (var i = 0; i < shape.Length; i++)
            {
                if (i > 0) dims.Append(", ");
                dims.Append(shape[i].ToString(CultureInfo.InvariantCulture));
            }
            if (shape.Length == 1) dims.Append(',');
            var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
            // magic(6) + version(2) + header length(2) + header + padding + '\n' must be a multiple of 64.
            var total = 10 + header.Length + 1;
            var padded = (total + 63) / 64 * 64;
            header = header + new string(' ', padded - total) + "\n";
            if (header.Length > ushort.MaxValue) throw new ArgumentException("shape has too many dimensions for a version 1.0 header.", nameof(shape));
            var bytes = new byte[10 + header.Length + (long)values.Length * 4];
            new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }.CopyTo(bytes, 0);
            bytes[8] = (byte)header.Length; bytes[9] = (byte)(header.Length >> 8);
            Encoding.ASCII.GetBytes(header).CopyTo(bytes, 10);
            var data = bytes.AsSpan(10 + header.Length);
            MemoryMarshal.AsBytes(values).CopyTo(data);
            if (!BitConverter.IsLittleEndian)
                for (var i = 0; i < data.Length; i += 4) { var s = data.Slice(i, 4); s.Reverse(); }
            return bytes;
        }

        /// <summary>Writes a .npy file atomically (see <see cref="AtomicFile"/>).</summary>
        /// <exception cref="ArgumentException">A dimension is negative, or the shape's element count differs from the values'.</exception>
        /// <exception cref="System.IO.IOException">The file cannot be written.</exception>
        public static void WriteFile(string path, ReadOnlySpan<float> values, params int[] shape) => AtomicFile.Write(path, Encode(values, shape));
    }
}
