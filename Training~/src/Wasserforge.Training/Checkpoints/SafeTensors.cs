using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using static TorchSharp.torch;

namespace Wasserforge.Training.Checkpoints
{
    /// <summary>
    /// Reads and writes the safetensors format for TorchSharp tensors: an 8-byte little-endian header
    /// length, a JSON header <c>{"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]},
    /// "__metadata__": {..}}</c>, then the raw little-endian tensor bytes. Writes are atomic (temp file, then rename).
    /// </summary>
    public static class SafeTensors
    {
        static string DType(ScalarType t) => t switch
        {
            ScalarType.Float32 => "F32",
            ScalarType.Float64 => "F64",
            ScalarType.Int64 => "I64",
            ScalarType.Bool => "BOOL",
            ScalarType.Byte => "U8",
            _ => throw new ArgumentException("safetensors: unsupported dtype " + t),
        };

        static int ElementSize(string dtype) => dtype switch { "F32" => 4, "F64" => 8, "I64" => 8, "BOOL" => 1, "U8" => 1, _ => -1 };

        /// <summary>Writes tensors (copied to the CPU) and string metadata to <paramref name="path"/>, atomically.</summary>
        /// <exception cref="ArgumentException">A tensor has a dtype safetensors has no name for here.</exception>
        /// <exception cref="IOException">The file cannot be written.</exception>
        public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata = null)
        {
            var names = tensors.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
            var blobs = new List<byte[]>();
            using var header = new MemoryStream();
            using (var w = new Utf8JsonWriter(header))
            using (NewDisposeScope())
            {
                w.WriteStartObject();
                if (metadata != null && metadata.Count > 0)
                {
                    w.WriteStartObject("__metadata__");
                    foreach (var kv in metadata) w.WriteString(kv.Key, kv.Value);
                    w.WriteEndObject();
                }
                long offset = 0;
                foreach (var name in names)
                {
                    var t = tensors[name];
                    var dtype = DType(t.dtype);
                    var cpu = t.detach().cpu().contiguous();
                    var bytes = cpu.bytes.ToArray();
                    blobs.Add(bytes);
                    w.WriteStartObject(name);
                    w.WriteString("dtype", dtype);
                    w.WriteStartArray("shape");
                    foreach (var d in t.shape) w.WriteNumberValue(d);
                    w.WriteEndArray();
                    w.WriteStartArray("data_offsets");
                    w.WriteNumberValue(offset);
                    w.WriteNumberValue(offset + bytes.Length);
                    w.WriteEndArray();
                    w.WriteEndObject();
                    offset += bytes.Length;
                }
                w.WriteEndObject();
            }
            // Pad the header with spaces to 8-byte alignment, as the format recommends.
            var headerBytes = header.ToArray();
            var padded = (headerBytes.Length + 7) / 8 * 8;
            var tmp = path + ".tmp";
            using (var f = new FileStream(tmp, FileMode.Create, FileAccess.Write))
            {
                f.Write(BitConverter.GetBytes((ulong)padded));
                f.Write(headerBytes);
                for (var i = headerBytes.Length; i < padded; i++) f.WriteByte((byte)' ');
                foreach (var b in blobs) f.Write(b);
                f.Flush(flushToDisk: true);
            }
            File.Move(tmp, path, overwrite: true);
        }

        /// <summary>Reads every tensor (float32/float64/int64/uint8/bool, on the CPU, owned by the caller: outside any dispose scope) and the metadata.</summary>
        /// <exception cref="CheckpointException">The file is missing, truncated, or its header is not valid safetensors.</exception>
        public static Dictionary<string, Tensor> Load(string path, out Dictionary<string, string> metadata)
        {
            metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!File.Exists(path)) throw new CheckpointException(path, "file not found.");
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length < 8) throw new CheckpointException(path, $"truncated: {bytes.Length} bytes, not even a header length.");
            var headerLength = BitConverter.ToUInt64(bytes, 0);
            if (headerLength > (ulong)(bytes.Length - 8)) throw new CheckpointException(path, $"truncated or not safetensors: the header claims {headerLength} bytes but the file has {bytes.Length - 8} after the length.");
            JsonDocument doc;
            try { doc = JsonDocument.Parse(new ReadOnlyMemory<byte>(bytes, 8, (int)headerLength)); }
            catch (JsonException e) { throw new CheckpointException(path, "the header is not valid JSON: " + e.Message, e); }
            var dataStart = 8 + (long)headerLength;
            var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            try
            {
                using (doc)
                {
                    foreach (var entry in doc.RootElement.EnumerateObject())
                    {
                        if (entry.Name == "__metadata__")
                        {
                            foreach (var m in entry.Value.EnumerateObject()) metadata[m.Name] = m.Value.GetString();
                            continue;
                        }
                        var dtype = entry.Value.GetProperty("dtype").GetString();
                        var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                        var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                        var size = ElementSize(dtype);
                        if (size < 0) throw new CheckpointException(path, $"tensor '{entry.Name}' has unsupported dtype {dtype}.");
                        if (shape.Any(d => d < 0)) throw new CheckpointException(path, $"tensor '{entry.Name}' has a negative dimension.");
                        var count = shape.Aggregate(1L, (a, b) => checked(a * b));
                        if (offsets.Length != 2 || offsets[1] - offsets[0] != count * size || offsets[0] < 0)
                            throw new CheckpointException(path, $"tensor '{entry.Name}' has data offsets that do not match its shape.");
                        if (dataStart + offsets[1] > bytes.Length)
                            throw new CheckpointException(path, $"truncated: tensor '{entry.Name}' ends at byte {dataStart + offsets[1]} but the file has {bytes.Length}.");
                        var span = new ReadOnlySpan<byte>(bytes, (int)(dataStart + offsets[0]), (int)(count * size));
                        Tensor t = dtype switch
                        {
                            "F32" => tensor(MemoryMarshal.Cast<byte, float>(span).ToArray(), shape),
                            "F64" => tensor(MemoryMarshal.Cast<byte, double>(span).ToArray(), shape),
                            "I64" => tensor(MemoryMarshal.Cast<byte, long>(span).ToArray(), shape),
                            "BOOL" => tensor(span.ToArray().Select(b => b != 0).ToArray(), shape),
                            _ => tensor(span.ToArray(), shape, ScalarType.Byte),
                        };
                        result[entry.Name] = t.DetachFromDisposeScope();
                    }
                }
            }
            catch (Exception e) when (e is KeyNotFoundException || e is InvalidOperationException || e is FormatException || e is OverflowException)
            {
                foreach (var t in result.Values) t.Dispose();
                throw new CheckpointException(path, "the header is not valid safetensors: " + e.Message, e);
            }
            catch
            {
                foreach (var t in result.Values) t.Dispose();
                throw;
            }
            return result;
        }
    }
}
