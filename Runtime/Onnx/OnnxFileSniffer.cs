namespace Wasserforge.Onnx
{
    /// <summary>What the bytes of a file that ORT refused look like.</summary>
    internal enum OnnxFileShape
    {
        /// <summary>Not a protobuf ModelProto at all.</summary>
        NotOnnx,
        /// <summary>Starts as a ModelProto but ends inside a field.</summary>
        Truncated,
        /// <summary>A complete ModelProto at the wire level (ORT refused it for another reason).</summary>
        Complete,
    }

    /// <summary>
    /// Walks the top level of a protobuf <c>ModelProto</c> without decoding it, to tell a file that
    /// is not ONNX from one that was cut off. Field numbers are those of onnx.proto's ModelProto.
    /// </summary>
    internal static class OnnxFileSniffer
    {
        public static OnnxFileShape Classify(byte[] bytes)
        {
            var pos = 0;
            var fields = 0;
            var sawGraph = false;
            var sawOpset = false;
            while (pos < bytes.Length)
            {
                if (!ReadVarint(bytes, ref pos, out var tag)) return fields > 0 ? OnnxFileShape.Truncated : OnnxFileShape.NotOnnx;
                var field = (int)(tag >> 3);
                var wire = (int)(tag & 7);
                if (!IsModelProtoField(field, wire)) return fields > 0 && pos >= bytes.Length ? OnnxFileShape.Truncated : OnnxFileShape.NotOnnx;
                switch (wire)
                {
                    case 0:
                        if (!ReadVarint(bytes, ref pos, out _)) return OnnxFileShape.Truncated;
                        break;
                    case 2:
                        if (!ReadVarint(bytes, ref pos, out var len)) return OnnxFileShape.Truncated;
                        if (len > (ulong)(bytes.Length - pos)) return fields > 0 || field == 7 ? OnnxFileShape.Truncated : OnnxFileShape.NotOnnx;
                        pos += (int)len;
                        break;
                }
                if (field == 7) sawGraph = true;
                if (field == 8) sawOpset = true;
                fields++;
            }
            if (fields == 0) return OnnxFileShape.NotOnnx;
            // A model needs its graph (7) and operator set imports (8), which writers emit in field
            // order: a stream that stops before both is a cut file, not a different format.
            return sawGraph && sawOpset ? OnnxFileShape.Complete : OnnxFileShape.Truncated;
        }

        static bool IsModelProtoField(int field, int wire)
        {
            switch (field)
            {
                case 1: case 5: return wire == 0;                  // ir_version, model_version
                case 2: case 3: case 4: case 6: case 7: case 8:   // producer_name/version, domain, doc_string, graph, opset_import
                case 14: case 20: case 25: case 26: return wire == 2; // metadata_props, training_info, functions, configuration
                default: return false;
            }
        }

        static bool ReadVarint(byte[] b, ref int pos, out ulong value)
        {
            value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (pos >= b.Length) return false;
                var x = b[pos++];
                value |= (ulong)(x & 0x7F) << shift;
                if ((x & 0x80) == 0) return true;
            }
            return false;
        }
    }
}
