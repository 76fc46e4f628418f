using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Wasserforge.Tests
{
    /// <summary>
    /// Writes small ONNX models for tests (protobuf wire format, onnx.proto field numbers), so a test
    /// can build exactly the graph it needs: every operator the deterministic device runs, and the
    /// operators and attributes it must refuse. Independent of the runtime's own reader.
    /// </summary>
    public sealed class OnnxBuilder
    {
        readonly List<byte[]> _nodes = new List<byte[]>();
        readonly List<byte[]> _initializers = new List<byte[]>();
        readonly List<byte[]> _inputs = new List<byte[]>();
        readonly List<byte[]> _outputs = new List<byte[]>();
        readonly Dictionary<string, string> _metadata = new Dictionary<string, string>();
        readonly Random _random;
        int _counter;

        /// <summary>Default-domain opset written.</summary>
        public long Opset = 13;

        public OnnxBuilder(int seed = 1) { _random = new Random(seed); }

        /// <summary>An attribute value for <see cref="Node"/>: long, float, string, long[] or float[].</summary>
        public static KeyValuePair<string, object> A(string name, object value) => new KeyValuePair<string, object>(name, value);

        /// <summary>Adds a node; returns its (first) output name.</summary>
        public string Node(string op, string[] inputs, params KeyValuePair<string, object>[] attributes) => NodeIn("", op, inputs, attributes);

        /// <summary>Adds a node of a custom domain.</summary>
        public string NodeIn(string domain, string op, string[] inputs, params KeyValuePair<string, object>[] attributes)
        {
            var output = op.ToLowerInvariant() + "_" + (++_counter);
            var w = new Writer();
            foreach (var i in inputs) w.String(1, i);
            w.String(2, output).String(3, op + "_" + _counter).String(4, op);
            foreach (var a in attributes) w.Message(5, Attribute(a.Key, a.Value));
            if (domain.Length > 0) w.String(7, domain);
            _nodes.Add(w.ToArray());
            return output;
        }

        /// <summary>Renames <paramref name="value"/> to the graph output name with an Identity node.</summary>
        public void Identity(string value, string name)
        {
            var w = new Writer().String(1, value).String(2, name).String(3, "identity_out").String(4, "Identity");
            _nodes.Add(w.ToArray());
        }

        /// <summary>A float32 initializer with the given values.</summary>
        public string Floats(string hint, float[] values, params long[] dims)
        {
            var name = hint + "_" + (++_counter);
            var raw = new byte[values.Length * 4];
            Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
            var w = new Writer();
            foreach (var d in dims) w.Int(1, d);
            w.Int(2, 1).String(8, name).Bytes(9, raw);
            _initializers.Add(w.ToArray());
            return name;
        }

        /// <summary>A float32 initializer of seeded random values, uniform in ±scale.</summary>
        public string Random(string hint, float scale, params long[] dims)
        {
            long n = 1;
            foreach (var d in dims) n *= d;
            var v = new float[n];
            for (var i = 0; i < n; i++) v[i] = (float)((_random.NextDouble() * 2 - 1) * scale);
            return Floats(hint, v, dims);
        }

        /// <summary>An int64 initializer.</summary>
        public string Longs(string hint, params long[] values)
        {
            var name = hint + "_" + (++_counter);
            var raw = new byte[values.Length * 8];
            Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
            var w = new Writer().Int(1, values.Length).Int(2, 7).String(8, name).Bytes(9, raw);
            _initializers.Add(w.ToArray());
            return name;
        }

        /// <summary>Declares a float32 input or output; a dimension below 0 is symbolic ("N").</summary>
        public void Input(string name, params long[] dims) => _inputs.Add(Value(name, 1, dims));
        public void Output(string name, params long[] dims) => _outputs.Add(Value(name, 1, dims));

        /// <summary>Sets a metadata entry.</summary>
        public void Meta(string key, string value) => _metadata[key] = value;

        /// <summary>The contract's metadata of an image generator.</summary>
        public void ImageContract(int latent, int channels, int height, int width)
        {
            Meta("wasserforge.contract_version", "1");
            Meta("wasserforge.kind", "image");
            Meta("wasserforge.latent_dim", latent.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Meta("wasserforge.channels", channels.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Meta("wasserforge.width", width.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Meta("wasserforge.height", height.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Input("z", -1, latent);
            Output("image", -1, channels, height, width);
        }

        /// <summary>The model's bytes.</summary>
        public byte[] Build()
        {
            var graph = new Writer();
            foreach (var n in _nodes) graph.Bytes(1, n);
            graph.String(2, "test");
            foreach (var i in _initializers) graph.Bytes(5, i);
            foreach (var i in _inputs) graph.Bytes(11, i);
            foreach (var o in _outputs) graph.Bytes(12, o);
            var model = new Writer().Int(1, 7).String(2, "wasserforge-tests").Message(7, graph).Message(8, new Writer().String(1, "").Int(2, Opset));
            foreach (var kv in _metadata) model.Message(14, new Writer().String(1, kv.Key).String(2, kv.Value));
            return model.ToArray();
        }

        static byte[] Value(string name, int type, long[] dims)
        {
            var shape = new Writer();
            foreach (var d in dims) shape.Message(1, d < 0 ? new Writer().String(2, "N") : new Writer().Int(1, d));
            var tensor = new Writer().Int(1, type).Message(2, shape);
            return new Writer().String(1, name).Message(2, new Writer().Message(1, tensor)).ToArray();
        }

        static Writer Attribute(string name, object value)
        {
            var w = new Writer().String(1, name);
            switch (value)
            {
                case int i: w.Int(3, i).Int(20, 2); break;
                case long l: w.Int(3, l).Int(20, 2); break;
                case float f: w.Float(2, f).Int(20, 1); break;
                case string s: w.String(4, s).Int(20, 3); break;
                case long[] ls: foreach (var l in ls) w.Int(8, l); w.Int(20, 7); break;
                case float[] fs: foreach (var f in fs) w.Float(7, f); w.Int(20, 6); break;
                default: throw new ArgumentException("unsupported attribute value " + value);
            }
            return w;
        }

        /// <summary>Protobuf encoding helpers.</summary>
        sealed class Writer
        {
            readonly MemoryStream _s = new MemoryStream();
            public byte[] ToArray() => _s.ToArray();
            void Varint(ulong v) { while (v >= 0x80) { _s.WriteByte((byte)(v | 0x80)); v >>= 7; } _s.WriteByte((byte)v); }
            void Tag(int field, int wire) => Varint(((ulong)field << 3) | (uint)wire);
            public Writer Int(int field, long v) { Tag(field, 0); Varint((ulong)v); return this; }
            public Writer Float(int field, float v) { Tag(field, 5); _s.Write(BitConverter.GetBytes(v), 0, 4); return this; }
            public Writer Bytes(int field, byte[] v) { Tag(field, 2); Varint((ulong)v.Length); _s.Write(v, 0, v.Length); return this; }
            public Writer String(int field, string v) => Bytes(field, Encoding.UTF8.GetBytes(v));
            public Writer Message(int field, Writer m) => Bytes(field, m.ToArray());
        }
    }
}
