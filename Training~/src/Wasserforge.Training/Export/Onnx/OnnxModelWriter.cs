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

        /// <summary>
        /// Encodes <paramref name="graph"/> as a ModelProto: ir_version <see cref="IrVersion"/>, producer
        /// <c>wasserforge</c>, one opset import of the default domain, and <paramref name="metadata"/> as
        /// metadata_props (sorted by key, so equal inputs give equal bytes).
        /// </summary>
        /// <exception cref="ExportException">The graph declares no input or no output, or a node reads a value nothing defines.</exception>
        public static byte[] Encode(OnnxGraph graph, int opset, IReadOnlyDictionary<string, string> metadata, string producerVersion)
        {
            Validate(graph);
            var model = new ProtoWriter()
                .Int(1, IrVersion)
                .String(2, Wasserforge.Contract.ModelContract.ProducerName)
                .String(3, producerVersion ?? "")
                .Message(7, Graph(graph))
                .Message(8, new ProtoWriter().String(1, "").Int(2, opset));
            if (metadata != null)
                foreach (var kv in metadata.OrderBy(k => k.Key, System.StringComparer.Ordinal))
                    model.Message(14, new ProtoWriter().String(1, kv.Key).String(2, kv.Value));
            return model.ToArray();
        }

        /// <summary>Writes the model to <paramref name="path"/> atomically (a temporary file in the same folder, then a rename).</summary>
        /// <exception cref="ExportException">The graph is incomplete (see <see cref="Encode"/>).</exception>
        /// <exception cref="IOException">The file cannot be written (the message names it).</exception>
        public static void Write(string path, OnnxGraph graph, int opset, IReadOnlyDictionary<string, string> metadata, string producerVersion) =>
            Wasserforge.Pixels.AtomicFile.Write(path, Encode(graph, opset, metadata, producerVersion));

        static void Validate(OnnxGraph g)
        {
            if (g.Inputs.Count == 0) throw new ExportException($"graph '{g.Name}' has no input.");
            if (g.Outputs.Count == 0) throw new ExportException($"graph '{g.Name}' has no output.");
            var known = new HashSet<string>(System.StringComparer.Ordinal) { "" };
            foreach (var v in g.Inputs) known.Add(v.Name);
            foreach (var i in g.Initializers) known.Add(i.Name);
            foreach (var n in g.Nodes)
            {
                foreach (var input in n.Inputs)
                    if (!known.Contains(input)) throw new ExportException($"graph '{g.Name}': {n.Op} reads '{input}', which no input, initializer or earlier node defines.");
                foreach (var o in n.Outputs) known.Add(o);
            }
            foreach (var v in g.Outputs)
                if (!known.Contains(v.Name)) throw new ExportException($"graph '{g.Name}': output '{v.Name}' is never produced.");
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
                case float[] fs: foreach (var f in fs) w.Float(7, f); w.Int(20, 6); break;
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
