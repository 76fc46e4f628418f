using System;
using System.Collections.Generic;

namespace Wasserforge.Deterministic.Onnx
{
    /// <summary>
    /// Decodes an ONNX file (a protobuf ModelProto) into an <see cref="OnnxModel"/> with
    /// <see cref="ProtoReader"/>. Field numbers are those of onnx.proto. Unknown fields are skipped, as
    /// protobuf requires; whether the device can run what was read is decided later by the loader.
    /// </summary>
    internal static class OnnxModelReader
    {
        /// <summary>Reads <paramref name="bytes"/>.</summary>
        /// <param name="bytes">The file's bytes.</param>
        /// <param name="source">The file, for error messages (null for memory).</param>
        /// <exception cref="ModelLoadException">
        /// <see cref="ModelLoadError.NotOnnx"/> when the bytes are not a ModelProto (or a nested message is malformed),
        /// <see cref="ModelLoadError.Truncated"/> when they stop before the model is complete.
        /// </exception>
        public static OnnxModel Read(byte[] bytes, string source)
        {
            if (bytes == null) throw new ArgumentNullException(nameof(bytes));
            if (bytes.Length == 0) throw new ModelLoadException(source, ModelLoadError.NotOnnx, "the file is empty.");
            var model = new OnnxModel();
            var top = new ProtoReader(bytes);
            var fields = 0;
            bool sawGraph = false, sawOpset = false;
            while (top.HasMore)
            {
                int field;
                WireType wire;
                ProtoReader value = default;
                try
                {
                    top.ReadTag(out field, out wire);
                    if (!IsModelProtoField(field, wire))
                        throw new ProtoFormatException($"field {field} (wire type {(int)wire}) is not part of an ONNX ModelProto", false);
                    if (wire == WireType.LengthDelimited) value = top.ReadMessage();
                    else if (field == 1) model.IrVersion = top.ReadInt64();
                    else top.Skip(wire);
                }
                catch (ProtoFormatException e)
                {
                    if (fields > 0 && e.Truncated)
                        throw new ModelLoadException(source, ModelLoadError.Truncated, $"the ONNX file is truncated ({bytes.Length} bytes): it stops before the model is complete ({e.Message}). Copy or export it again.");
                    throw new ModelLoadException(source, ModelLoadError.NotOnnx, $"is not an ONNX model (the bytes are not an ONNX ModelProto: {e.Message}).");
                }
                fields++;
                if (wire != WireType.LengthDelimited) continue;
                try
                {
                    switch (field)
                    {
                        case 2: model.ProducerName = value.ReadStringBody(); break;
                        case 7: ReadGraph(value, model.Graph); sawGraph = true; break;
                        case 8: ReadOpset(value, model.Opsets); sawOpset = true; break;
                        case 14: ReadMetadata(value, model.Metadata); break;
                    }
                }
                catch (ProtoFormatException e)
                {
                    throw new ModelLoadException(source, ModelLoadError.NotOnnx, $"is not a well-formed ONNX model (ModelProto field {field}: {e.Message}).");
                }
            }
            // A model needs its graph (7) and operator set imports (8): a stream that stops before both is a cut file.
            if (!sawGraph || !sawOpset)
                throw new ModelLoadException(source, ModelLoadError.Truncated, $"the ONNX file is truncated ({bytes.Length} bytes): it has no {(sawGraph ? "operator set import" : "graph")}. Copy or export it again.");
            return model;
        }

        static bool IsModelProtoField(int field, WireType wire)
        {
            switch (field)
            {
                case 1: case 5: return wire == WireType.Varint;                       // ir_version, model_version
                case 2: case 3: case 4: case 6: case 7: case 8:                      // producer, version, domain, doc, graph, opset_import
                case 14: case 20: case 25: case 26: return wire == WireType.LengthDelimited; // metadata, training_info, functions, configuration
                default: return false;
            }
        }

        static void ReadOpset(ProtoReader r, Dictionary<string, long> opsets)
        {
            var domain = "";
            long version = 0;
            while (r.HasMore)
            {
                r.ReadTag(out var field, out var wire);
                if (field == 1 && wire == WireType.LengthDelimited) domain = r.ReadString();
                else if (field == 2 && wire == WireType.Varint) version = r.ReadInt64();
                else r.Skip(wire);
            }
            opsets[domain] = version;
        }

        static void ReadMetadata(ProtoReader r, Dictionary<string, string> metadata)
        {
            string key = null, value = "";
            while (r.HasMore)
            {
                r.ReadTag(out var field, out var wire);
                if (field == 1 && wire == WireType.LengthDelimited) key = r.ReadString();
                else if (field == 2 && wire == WireType.LengthDelimited) value = r.ReadString();
                else r.Skip(wire);
            }
            if (key != null) metadata[key] = value;
        }

        static void ReadGraph(ProtoReader r, OnnxGraph g)
        {
            while (r.HasMore)
            {
                r.ReadTag(out var field, out var wire);
                if (wire != WireType.LengthDelimited) { r.Skip(wire); continue; }
                switch (field)
                {
                    case 1: g.Nodes.Add(ReadNode(r.ReadMessage())); break;
                    case 2: g.Name = r.ReadString(); break;
                    case 5: var t = ReadTensor(r.ReadMessage()); g.Initializers[t.Name ?? ""] = t; break;
                    case 11: g.Inputs.Add(ReadValueInfo(r.ReadMessage())); break;
                    case 12: g.Outputs.Add(ReadValueInfo(r.ReadMessage())); break;
                    case 15: g.UnsupportedParts.Add("sparse initializers"); r.Skip(wire); break;
                    default: r.Skip(wire); break;
                }
            }
        }

        static OnnxNode ReadNode(ProtoReader r)
        {
            var n = new OnnxNode();
            while (r.HasMore)
            {
                r.ReadTag(out var field, out var wire);
                if (wire != WireType.LengthDelimited) { r.Skip(wire); continue; }
                switch (field)
                {
                    case 1: n.Inputs.Add(r.ReadString()); break;
                    case 2: n.Outputs.Add(r.ReadString()); break;
                    case 3: n.Name = r.ReadString(); break;
                    case 4: n.OpType = r.ReadString(); break;
                    case 5: n.Attributes.Add(ReadAttribute(r.ReadMessage())); break;
                    case 7: n.Domain = r.ReadString(); break;
                    default: r.Skip(wire); break;
                }
            }
            return n;
        }

        static OnnxAttribute ReadAttribute(ProtoReader r)
        {
            var a = new OnnxAttribute();
            var sawValue = OnnxAttributeType.Undefined;
            while (r.HasMore)
            {
                r.ReadTag(out var field, out var wire);
                var length = wire == WireType.LengthDelimited;
                if (field == 1 && length) a.Name = r.ReadString();
                else if (field == 2 && wire == WireType.Fixed32) { a.F = r.ReadFloat(); sawValue = OnnxAttributeType.Float; }
                else if (field == 3 && wire == WireType.Varint) { a.I = r.ReadInt64(); sawValue = OnnxAttributeType.Int; }
                else if (field == 4 && length) { a.S = r.ReadString(); sawValue = OnnxAttributeType.String; }
                else if (field == 5) { r.Skip(wire); sawValue = OnnxAttributeType.Tensor; }
                else if (field == 6) { r.Skip(wire); sawValue = OnnxAttributeType.Graph; }
                else if (field == 7) { ReadFloats(ref r, wire, a.Floats); sawValue = OnnxAttributeType.Floats; }
                else if (field == 8) { ReadInts(ref r, wire, a.Ints); sawValue = OnnxAttributeType.Ints; }
                else if (field == 9) { r.Skip(wire); sawValue = OnnxAttributeType.Strings; }
                else if (field == 20 && wire == WireType.Varint) a.Type = (OnnxAttributeType)r.ReadInt64();
                else if (field == 21 && length) { r.Skip(wire); a.IsReference = true; }
                else r.Skip(wire);
            }
            // Writers before IR version 4 may omit the type; infer it from the field that holds the value.
            if (a.Type == OnnxAttributeType.Undefined) a.Type = sawValue;
            return a;
        }

        static OnnxTensor ReadTensor(ProtoReader r)
        {
            var t = new OnnxTensor();
            var dims = new List<long>();
            byte[] raw = null;
            var floats = new List<float>();
            var ints = new List<long>();
            while (r.HasMore)
            {
                r.ReadTag(out var field, out var wire);
                if (field == 1) ReadInts(ref r, wire, dims);
                else if (field == 2 && wire == WireType.Varint) t.DataType = (int)r.ReadInt64();
                else if (field == 4) ReadFloats(ref r, wire, floats);
                else if (field == 5 || field == 7) ReadInts(ref r, wire, ints);
                else if (field == 8 && wire == WireType.LengthDelimited) t.Name = r.ReadString();
                else if (field == 9 && wire == WireType.LengthDelimited) raw = r.ReadBytes();
                else if (field == 13) { r.Skip(wire); t.External = true; }
                else if (field == 14 && wire == WireType.Varint) { if (r.ReadInt64() == 1) t.External = true; }
                else r.Skip(wire);
            }
            t.Dims = dims.ToArray();
            if (t.External) return t;
            var count = t.ElementCount;
            if (count < 0 || count > int.MaxValue) throw new ProtoFormatException($"tensor '{t.Name}' has {count} elements", false);
            switch (t.DataType)
            {
                case OnnxDataType.Float:
                    t.Floats = raw != null ? RawFloats(raw, t.Name) : floats.ToArray();
                    if (t.Floats.Length != count) throw new ProtoFormatException($"tensor '{t.Name}' holds {t.Floats.Length} values for shape [{string.Join(", ", t.Dims)}]", false);
                    break;
                case OnnxDataType.Int64:
                case OnnxDataType.Int32:
                    t.Integers = raw != null ? RawIntegers(raw, t.DataType == OnnxDataType.Int64 ? 8 : 4, t.Name) : ints.ToArray();
                    if (t.Integers.Length != count) throw new ProtoFormatException($"tensor '{t.Name}' holds {t.Integers.Length} values for shape [{string.Join(", ", t.Dims)}]", false);
                    break;
            }
            return t;
        }

        static OnnxValueInfo ReadValueInfo(ProtoReader r)
        {
            var v = new OnnxValueInfo();
            while (r.HasMore)
            {
                r.ReadTag(out var field, out var wire);
                if (field == 1 && wire == WireType.LengthDelimited) v.Name = r.ReadString();
                else if (field == 2 && wire == WireType.LengthDelimited) ReadType(r.ReadMessage(), v);
                else r.Skip(wire);
            }
            return v;
        }

        static void ReadType(ProtoReader r, OnnxValueInfo v)
        {
            while (r.HasMore)
            {
                r.ReadTag(out var field, out var wire);
                if (field != 1 || wire != WireType.LengthDelimited) { r.Skip(wire); continue; }   // not a tensor type
                var tensor = r.ReadMessage();
                while (tensor.HasMore)
                {
                    tensor.ReadTag(out var tf, out var tw);
                    if (tf == 1 && tw == WireType.Varint) v.ElementType = (int)tensor.ReadInt64();
                    else if (tf == 2 && tw == WireType.LengthDelimited) v.Shape = ReadShape(tensor.ReadMessage());
                    else tensor.Skip(tw);
                }
            }
        }

        static long[] ReadShape(ProtoReader r)
        {
            var dims = new List<long>();
            while (r.HasMore)
            {
                r.ReadTag(out var field, out var wire);
                if (field != 1 || wire != WireType.LengthDelimited) { r.Skip(wire); continue; }
                var dim = r.ReadMessage();
                long value = -1;
                while (dim.HasMore)
                {
                    dim.ReadTag(out var df, out var dw);
                    if (df == 1 && dw == WireType.Varint) value = dim.ReadInt64();
                    else dim.Skip(dw);                                      // dim_param: symbolic, stays -1
                }
                dims.Add(value);
            }
            return dims.ToArray();
        }

        static void ReadInts(ref ProtoReader r, WireType wire, List<long> into)
        {
            if (wire == WireType.Varint) { into.Add(r.ReadInt64()); return; }
            if (wire != WireType.LengthDelimited) throw new ProtoFormatException($"an integer list has wire type {(int)wire}", false);
            var packed = r.ReadMessage();
            while (packed.HasMore) into.Add(packed.ReadInt64());
        }

        static void ReadFloats(ref ProtoReader r, WireType wire, List<float> into)
        {
            if (wire == WireType.Fixed32) { into.Add(r.ReadFloat()); return; }
            if (wire != WireType.LengthDelimited) throw new ProtoFormatException($"a float list has wire type {(int)wire}", false);
            var packed = r.ReadMessage();
            while (packed.HasMore) into.Add(packed.ReadFloat());
        }

        static float[] RawFloats(byte[] raw, string name)
        {
            if (raw.Length % 4 != 0) throw new ProtoFormatException($"tensor '{name}' has {raw.Length} raw bytes, not a whole number of float32 values", false);
            var values = new float[raw.Length / 4];
            for (var i = 0; i < values.Length; i++)
                values[i] = BitConverter.Int32BitsToSingle((int)(raw[4 * i] | ((uint)raw[4 * i + 1] << 8) | ((uint)raw[4 * i + 2] << 16) | ((uint)raw[4 * i + 3] << 24)));
            return values;
        }

        static long[] RawIntegers(byte[] raw, int width, string name)
        {
            if (raw.Length % width != 0) throw new ProtoFormatException($"tensor '{name}' has {raw.Length} raw bytes, not a whole number of {width * 8}-bit values", false);
            var values = new long[raw.Length / width];
            for (var i = 0; i < values.Length; i++)
            {
                ulong v = 0;
                for (var b = width - 1; b >= 0; b--) v = (v << 8) | raw[i * width + b];
                values[i] = width == 8 ? (long)v : (int)(uint)v;
            }
            return values;
        }
    }
}
