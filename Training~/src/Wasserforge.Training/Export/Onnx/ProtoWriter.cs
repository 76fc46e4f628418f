using System;
using System.IO;
using System.Text;

namespace Wasserforge.Training.Export.Onnx
{
    /// <summary>A minimal protobuf encoder (varints, length-delimited fields, fixed32 floats): enough to write ONNX ModelProto.</summary>
    internal sealed class ProtoWriter
    {
        readonly MemoryStream _s = new MemoryStream();

        public byte[] ToArray() => _s.ToArray();

        void Tag(int field, int wire) => Varint(((ulong)field << 3) | (uint)wire);

        void Varint(ulong v)
        {
            while (v >= 0x80) { _s.WriteByte((byte)(v | 0x80)); v >>= 7; }
            _s.WriteByte((byte)v);
        }

        /// <summary>An int64/int32/enum field (negative values take 10 bytes, as protobuf specifies).</summary>
        public ProtoWriter Int(int field, long value) { Tag(field, 0); Varint((ulong)value); return this; }

        /// <summary>A float field (fixed32).</summary>
        public ProtoWriter Float(int field, float value) { Tag(field, 5); _s.Write(BitConverter.GetBytes(value), 0, 4); return this; }

        /// <summary>A bytes field.</summary>
        public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value) { Tag(field, 2); Varint((ulong)value.Length); _s.Write(value); return this; }

        /// <summary>A string field (UTF-8).</summary>
        public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        /// <summary>An embedded message field.</summary>
        public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());
    }
}
