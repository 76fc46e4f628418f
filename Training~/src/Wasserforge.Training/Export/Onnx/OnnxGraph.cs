using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;

namespace Wasserforge.Training.Export.Onnx
{
    /// <summary>An ONNX attribute value: int, float, ints, floats or string.</summary>
    public readonly struct OnnxAttribute
    {
        internal readonly string Name;
        internal readonly object Value;
        OnnxAttribute(string name, object value) { Name = name; Value = value; }
        /// <summary>An INT attribute.</summary>
        public static OnnxAttribute Int(string name, long v) => new OnnxAttribute(name, v);
        /// <summary>A FLOAT attribute.</summary>
        public static OnnxAttribute Float(string name, float v) => new OnnxAttribute(name, v);
        /// <summary>An INTS attribute.</summary>
        public static OnnxAttribute Ints(string name, params long[] v) => new OnnxAttribute(name, v);
        /// <summary>A FLOATS attribute.</summary>
        public static OnnxAttribute Floats(string name, params float[] v) => new OnnxAttribute(name, v);
        /// <summary>A STRING attribute.</summary>
        public static OnnxAttribute String(string name, string v) => new OnnxAttribute(name, v);
    }

    /// <summary>
    /// Builds an ONNX graph: float32/int64 initializers, nodes, one input and one output. Node outputs
    /// get unique names; <see cref="OnnxModelWriter"/> encodes the result. Only operators supported by
    /// both ONNX Runtime and Unity's inference engine are used by the exporter.
    /// </summary>
    public sealed partial class OnnxGraph
    {
        internal sealed class Node { public string Op; public string[] Inputs; public string[] Outputs; public OnnxAttribute[] Attributes; }
        internal sealed class Initializer { public string Name; public long[] Dims; public int DataType; public byte[] Raw; }
        internal sealed class ValueInfo { public string Name; public object[] Dims; }

        internal readonly List<Node> Nodes = new List<Node>();
        internal readonly List<Initializer> Initializers = new List<Initializer>();
        internal readonly List<ValueInfo> Inputs = new List<ValueInfo>();
        internal readonly List<ValueInfo> Outputs = new List<ValueInfo>();
        readonly HashSet<string> _names = new HashSet<string>(StringComparer.Ordinal);
        int _counter;

        /// <summary>Graph name.</summary>
        public string Name { get; set; } = "generator";

        string Unique(string hint)
        {
            var name = hint;
            while (!_names.Add(name)) name = $"{hint}_{++_counter}";
            return name;
        }

        /// <summary>Declares a float32 graph input; a dimension is a long (fixed) or a string (symbolic, e.g. "N").</summary>
        public string Input(string name, params object[] dims) { _names.Add(name); Inputs.Add(new ValueInfo { Name = name, Dims = dims }); return name; }

        /// <summary>Declares a float32 graph output produced by an existing value, renaming it with an Identity node when needed.</summary>
        public void Output(string producedBy, string name, params object[] dims)
        {
            if (producedBy != name)
            {
                _names.Add(name);
                Nodes.Add(new Node { Op = "Identity", Inputs = new[] { producedBy }, Outputs = new[] { name }, Attributes = Array.Empty<OnnxAttribute>() });
            }
            Outputs.Add(new ValueInfo { Name = name, Dims = dims });
        }

        /// <summary>Adds a float32 initializer.</summary>
        public string Constant(string hint, ReadOnlySpan<float> data, params long[] dims)
        {
            var n = dims.Aggregate(1L, (a, b) => a * b);
            if (n != data.Length) throw new ArgumentException($"initializer '{hint}' has {data.Length} values for shape [{string.Join(", ", dims)}].");
            var name = Unique(hint);
            Initializers.Add(new Initializer { Name = name, Dims = dims, DataType = 1, Raw = MemoryMarshal.AsBytes(data).ToArray() });
            return name;
        }

        /// <summary>Adds an int64 initializer (shapes, pads, slice bounds).</summary>
        public string ConstantInt64(string hint, params long[] values)
        {
            var name = Unique(hint);
            Initializers.Add(new Initializer { Name = name, Dims = new long[] { values.Length }, DataType = 7, Raw = MemoryMarshal.AsBytes(values.AsSpan()).ToArray() });
            return name;
        }

        /// <summary>Adds a node with one output and returns the output's name ("" inputs are omitted optional inputs).</summary>
        public string Add(string op, string[] inputs, params OnnxAttribute[] attributes)
        {
            var output = Unique(op.ToLowerInvariant());
            Nodes.Add(new Node { Op = op, Inputs = inputs, Outputs = new[] { output }, Attributes = attributes });
            return output;
        }

        /// <summary>Operator types used, in order of first use.</summary>
        public IEnumerable<string> OperatorTypes => Nodes.Select(n => n.Op).Distinct();
    }
}
