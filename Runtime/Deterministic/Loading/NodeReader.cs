using System.Collections.Generic;
using System.Globalization;
using Wasserforge.Deterministic.Onnx;

namespace Wasserforge.Deterministic
{
    /// <summary>
    /// What an operator's builder sees of one ONNX node: its input shapes and slots, its constant
    /// inputs and its attributes. Every attribute a builder reads is marked; any attribute left unread
    /// is refused afterwards, so the device never ignores an attribute it does not implement. Errors
    /// name the file, the node, the operator and the attribute.
    /// </summary>
    internal sealed class NodeReader
    {
        readonly GraphCompiler _graph;
        readonly HashSet<string> _read = new HashSet<string>();

        public NodeReader(GraphCompiler graph, OnnxNode node)
        {
            _graph = graph;
            Node = node;
        }

        public OnnxNode Node { get; }

        /// <summary>Inputs actually given (trailing empty names, i.e. omitted optional inputs, not counted).</summary>
        public int InputCount
        {
            get
            {
                var n = Node.Inputs.Count;
                while (n > 0 && Node.Inputs[n - 1].Length == 0) n--;
                return n;
            }
        }

        /// <summary>True when input <paramref name="i"/> is given (not omitted).</summary>
        public bool HasInput(int i) => i < Node.Inputs.Count && Node.Inputs[i].Length > 0;

        /// <summary>Refuses the node unless it has between <paramref name="min"/> and <paramref name="max"/> inputs and one output.</summary>
        public void ExpectInputs(int min, int max)
        {
            if (InputCount < min || InputCount > max)
                throw Refuse(null, $"has {InputCount} inputs; the deterministic device runs it with {(min == max ? min.ToString(CultureInfo.InvariantCulture) : $"{min} to {max}")}.");
            if (Node.Outputs.Count != 1)
                throw Refuse(null, $"has {Node.Outputs.Count} outputs; the deterministic device runs it with exactly one.");
        }

        /// <summary>The slot of computed input <paramref name="i"/> (refused when it is a constant or unknown).</summary>
        public int Slot(int i, string role) => _graph.SlotOf(this, Node.Inputs[i], role);

        /// <summary>The per-sample shape of computed input <paramref name="i"/>.</summary>
        public TensorShape Shape(int i, string role) => _graph.ShapeOf(Slot(i, role));

        /// <summary>Constant input <paramref name="i"/> (an initializer), refused when it is computed or not of the expected kind.</summary>
        public OnnxTensor Constant(int i, string role, bool floats)
        {
            var t = _graph.ConstantOf(Node.Inputs[i]);
            if (t == null) throw Refuse(role, $"input {i} ({role}) is computed by the graph; the deterministic device needs it as a constant initializer.");
            if (t.External) throw Refuse(role, $"input {i} ({role}) '{t.Name}' keeps its data in an external file, which the deterministic device does not read.");
            if (floats && t.Floats == null) throw Refuse(role, $"input {i} ({role}) '{t.Name}' is {OnnxDataType.Name(t.DataType)}; expected float32.");
            if (!floats && t.Integers == null) throw Refuse(role, $"input {i} ({role}) '{t.Name}' is {OnnxDataType.Name(t.DataType)}; expected int64.");
            return t;
        }

        /// <summary>An INT attribute, or <paramref name="fallback"/> when absent.</summary>
        public long Int(string name, long fallback)
        {
            var a = Find(name, OnnxAttributeType.Int);
            return a == null ? fallback : a.I;
        }

        /// <summary>A FLOAT attribute, or <paramref name="fallback"/> when absent.</summary>
        public float Float(string name, float fallback)
        {
            var a = Find(name, OnnxAttributeType.Float);
            return a == null ? fallback : a.F;
        }

        /// <summary>A STRING attribute, or <paramref name="fallback"/> when absent.</summary>
        public string String(string name, string fallback)
        {
            var a = Find(name, OnnxAttributeType.String);
            return a == null ? fallback : a.S;
        }

        /// <summary>An INTS attribute, or null when absent.</summary>
        public long[] Ints(string name)
        {
            var a = Find(name, OnnxAttributeType.Ints);
            return a?.Ints.ToArray();
        }

        /// <summary>Refuses <paramref name="attribute"/> unless it equals one of the supported values.</summary>
        public void Require(string attribute, bool ok, string shown, string supported)
        {
            if (!ok) throw Refuse(attribute, $"attribute '{attribute}' = {shown} is not supported by the deterministic device (it runs {supported}).");
        }

        /// <summary>Refuses the first attribute no builder read.</summary>
        public void RefuseUnread()
        {
            foreach (var a in Node.Attributes)
                if (!_read.Contains(a.Name ?? ""))
                    throw Refuse(a.Name, $"attribute '{a.Name}' is not supported by the deterministic device.");
        }

        /// <summary>A typed refusal naming the file, node, operator and attribute (null for the operator itself).</summary>
        public ModelLoadException Refuse(string attribute, string problem) =>
            new ModelLoadException(_graph.Source, Node.OpType, attribute, $"{Node.Label}: {problem}");

        OnnxAttribute Find(string name, OnnxAttributeType type)
        {
            _read.Add(name);
            OnnxAttribute found = null;
            foreach (var a in Node.Attributes)
                if (a.Name == name) found = a;
            if (found == null) return null;
            if (found.IsReference) throw Refuse(name, $"attribute '{name}' refers to a function attribute, which the deterministic device does not resolve.");
            if (found.Type != type) throw Refuse(name, $"attribute '{name}' is of type {found.Type}; ONNX defines it as {type}.");
            return found;
        }
    }
}
