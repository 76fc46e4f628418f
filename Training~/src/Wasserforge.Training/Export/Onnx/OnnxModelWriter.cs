using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Wasserforge.Training.Export.Onnx
{
    /// <summary>Encodes an <see cref="OnnxGraph"/> as an ONNX ModelProto (field numbers of onnx.proto) and writes it atomically.</summary>
    public static class OnnxModelWriter
    {
        /// <summary>IR version written (ONNX 1.7+, read by every ONNX Runtime since 1.4 and by Unity Sentis).</summary>
        public const int IrVersion = 7;

        /// <summary>The model's bytes.</summary>
        public static byte[] Encode(OnnxGraph graph, int opset, IReadOnlyDictionary<string, string> metadata, string producerVersion)
        {
            var model = new ProtoWriter()
                .Int(1, IrVersion)
                .String(2, Wasserforge.Contract.ModelContract.ProducerName)
                .String(3, producerVersion)
                .Message(7, Graph(graph))
                .Message(8, new ProtoWriter().String(1, "").Int(2, opset));
            foreach (var kv in metadata.OrderBy(k => k.Key, System.StringComparer.Ordinal))
                model.Message(14, new ProtoWriter().String(1, kv.Key).String(2, kv.Value));
            return model.ToArray();
        }

        /// <summary>Writes the model to <paramref name="path"/> via a temp file and a rename.</summary>
        public static void Write(string path, OnnxGraph graph, int opset, IReadOnlyDictionary<string, string> metadata, string producerVersion)
        {
            var bytes = Encode(graph, opset, metadata, producerVersion);
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            var tmp = path + ".tmp";
            File.WriteAllBytes(tmp, bytes);
            File.Move(tmp, path, overwrite: true);
        }

        static ProtoWriter Graph(OnnxGraph g)
        {
            var w = new ProtoWriter();
            var i = 0;
            foreach (var n in g.Nodes)
            {
                var node = new ProtoWriter();
                foreach (var input in n.Inputs) node.String(1, input);
                foreach (var output in n.Outputs) node.String(2, output);
                node.String(3, $"{n.Op}_{i++}").String(4, n.Op);
                foreach (var a in n.Attributes) node.Message(5, Attribute(a));
                w.Message(1, node);
            }
            w.String(2, g.Name);
            foreach (var init in g.Initializers)
            {
                var t = new ProtoWriter();
                foreach (var d in init.Dims) t.Int(1, d);
                t.Int(2, init.DataType).String(8, init.Name).Bytes(9, init.Raw);
                w.Message(5, t);
            }
            foreach (var v in g.Inputs) w.Message(11, Value(v));
            foreach (var v in g.Outputs) w.Message(12, Value(v));
            return w;
        }

        static ProtoWriter Attribute(OnnxAttribute a)
        {
            var w = new ProtoWriter().String(1, a.Name);
            switch (a.Value)
            {
                case long l: w.Int(3, l).Int(20, 2); break;
                case float f: w.Float(2, f).Int(20, 1); break;
                case long[] ls: foreach (var l in ls) w.Int(8, l); w.Int(20, 7); break;
                case string s: w.String(4, s).Int(20, 3); break;
            }
            return w;
        }

        static ProtoWriter Value(OnnxGraph.ValueInfo v)
        {
            var shape = new ProtoWriter();
            foreach (var d in v.Dims)
            {
                var dim = new ProtoWriter();
                if (d is string s) dim.String(2, s); else dim.Int(1, System.Convert.ToInt64(d));
                shape.Message(1, dim);
            }
            var tensorType = new ProtoWriter().Int(1, 1).Message(2, shape);
            return new ProtoWriter().String(1, v.Name).Message(2, new ProtoWriter().Message(1, tensorType));
        }
    }
}
