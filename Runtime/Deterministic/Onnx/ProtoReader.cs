using System;
using System.Text;

namespace Wasserforge.Deterministic.Onnx
{
    /// <summary>Protobuf wire types (the low three bits of a field tag).</summary>
    internal enum WireType
    {
        Varint = 0,
        Fixed64 = 1,
        LengthDelimited = 2,
        StartGroup = 3,
        EndGroup = 4,
        Fixed32 = 5,
    }

    /// <summary>The bytes end inside a field, or a field is malformed.</summary>
    internal sealed class ProtoFormatException : Exception
    {
        /// <summary>True when the bytes stop early (a cut file) rather than holding something else.</summary>
        public bool Truncated { get; }

        public ProtoFormatException(string message, bool truncated) : base(message) { Truncated = truncated; }
    }

    /// <summary>
    /// A minimal protobuf decoder over one message's bytes: field tags, varints, fixed32/64 and
    /// length-delimited fields, packed or unpacked repeated scalars. Enough to read an ONNX
    /// ModelProto without Google.Protobuf (which Unity does not ship). A struct: sub-messages are
    /// read by new readers over a slice of the same array, with no copying.
    /// </summary>
    internal struct ProtoReader
    {
        readonly byte[] _bytes;
        readonly int _end;
        int _pos;

        public ProtoReader(byte[] bytes) : this(bytes, 0, bytes.Length) { }

        ProtoReader(byte[] bytes, int start, int end)
        {
            _bytes = bytes;
            _pos = start;
            _end = end;
        }

        /// <summary>True while fields remain.</summary>
        public bool HasMore => _pos < _end;

        /// <summary>Reads the next tag.</summary>
        /// <exception cref="ProtoFormatException">The tag is cut off or invalid.</exception>
        public void ReadTag(out int field, out WireType wire)
        {
            var tag = ReadVarint();
            field = (int)(tag >> 3);
            wire = (WireType)(tag & 7);
            if (field <= 0 || tag >> 3 > int.MaxValue) throw new ProtoFormatException($"invalid field number {tag >> 3}", false);
            if ((int)wire > 5) throw new ProtoFormatException($"invalid wire type {(int)wire}", false);
        }

        /// <summary>Reads a base-128 varint.</summary>
        public ulong ReadVarint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 70; shift += 7)
            {
                if (_pos >= _end) throw new ProtoFormatException("the bytes end inside a varint", true);
                var b = _bytes[_pos++];
                if (shift == 63 && b > 1) throw new ProtoFormatException("varint longer than 64 bits", false);
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) return value;
            }
            throw new ProtoFormatException("varint longer than 10 bytes", false);
        }

        /// <summary>Reads an int64 (or int32/enum) field value.</summary>
        public long ReadInt64() => (long)ReadVarint();

        /// <summary>Reads a 32-bit little-endian value (float fields).</summary>
        public uint ReadFixed32()
        {
            Need(4);
            var v = _bytes[_pos] | ((uint)_bytes[_pos + 1] << 8) | ((uint)_bytes[_pos + 2] << 16) | ((uint)_bytes[_pos + 3] << 24);
            _pos += 4;
            return v;
        }

        /// <summary>Reads a 64-bit little-endian value.</summary>
        public ulong ReadFixed64()
        {
            var lo = ReadFixed32();
            var hi = ReadFixed32();
            return lo | ((ulong)hi << 32);
        }

        /// <summary>A float stored as fixed32, from its bits (no arithmetic).</summary>
        public float ReadFloat() => BitConverter.Int32BitsToSingle((int)ReadFixed32());

        /// <summary>Reads a length-delimited field as a reader over its bytes.</summary>
        public ProtoReader ReadMessage()
        {
            var length = ReadLength();
            var sub = new ProtoReader(_bytes, _pos, _pos + length);
            _pos += length;
            return sub;
        }

        /// <summary>Reads a length-delimited field's bytes as a new array.</summary>
        public byte[] ReadBytes()
        {
            var length = ReadLength();
            var copy = new byte[length];
            Buffer.BlockCopy(_bytes, _pos, copy, 0, length);
            _pos += length;
            return copy;
        }

        /// <summary>Reads a UTF-8 string field.</summary>
        public string ReadString()
        {
            var length = ReadLength();
            var s = Encoding.UTF8.GetString(_bytes, _pos, length);
            _pos += length;
            return s;
        }

        /// <summary>The rest of this reader's bytes as a UTF-8 string (for a string field read with <see cref="ReadMessage"/>).</summary>
        public string ReadStringBody()
        {
            var s = Encoding.UTF8.GetString(_bytes, _pos, _end - _pos);
            _pos = _end;
            return s;
        }

        /// <summary>Skips a field's value of the given wire type.</summary>
        public void Skip(WireType wire)
        {
            switch (wire)
            {
                case WireType.Varint: ReadVarint(); break;
                case WireType.Fixed64: Need(8); _pos += 8; break;
                case WireType.Fixed32: Need(4); _pos += 4; break;
                case WireType.LengthDelimited: var n = ReadLength(); _pos += n; break;
                default: throw new ProtoFormatException($"group fields (wire type {(int)wire}) are not used by ONNX", false);
            }
        }

        int ReadLength()
        {
            var length = ReadVarint();
            if (length > (ulong)(_end - _pos)) throw new ProtoFormatException($"a field of {length} bytes runs past the end ({_end - _pos} bytes left)", true);
            return (int)length;
        }

        void Need(int count)
        {
            if (_end - _pos < count) throw new ProtoFormatException("the bytes end inside a fixed-size field", true);
        }
    }
}
