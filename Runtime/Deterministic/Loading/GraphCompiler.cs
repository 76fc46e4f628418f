using System.Collections.Generic;
using Wasserforge.Contract;
using Wasserforge.Deterministic.Onnx;

namespace Wasserforge.Deterministic
{
    /// <summary>
    /// Turns a decoded ONNX model into the device's steps: checks the model contract
    /// (<see cref="SignatureCheck"/>), the operator set version, then builds one step per node with the
    /// builder <see cref="OperatorSet"/> names for its operator, refusing anything else. Shapes are
    /// inferred per sample (the batch stays dynamic) and the last step's shape must be the contract's.
    /// </summary>
    internal sealed class GraphCompiler
    {
        /// <summary>Default-domain operator set versions whose semantics the builders implement.</summary>
        public const int MinOpset = 11, MaxOpset = 17;

        readonly OnnxModel _model;
        readonly Dictionary<string, int> _slots = new Dictionary<string, int>();
        readonly List<TensorShape> _shapes = new List<TensorShape>();
        readonly Dictionary<int, OutputStage> _stages = new Dictionary<int, OutputStage>();
        readonly Dictionary<string, int> _consumers = new Dictionary<string, int>();
        readonly List<Operation> _steps = new List<Operation>();

        GraphCompiler(OnnxModel model, string source, bool fuse)
        {
            _model = model;
            Source = source;
            Fuse = fuse;
        }

        /// <summary>The file, for messages.</summary>
        public string Source { get; }

        /// <summary>Whether ReLU and leaky ReLU are folded into the step before them (same results, fewer passes).</summary>
        public bool Fuse { get; }

        /// <summary>The compiled generator: steps in order, slot shapes, the output slot and the description.</summary>
        public sealed class Result
        {
            public GeneratorDescription Description;
            public Operation[] Steps;
            public TensorShape[] Shapes;
            public int OutputSlot;
        }

        /// <summary>Compiles <paramref name="model"/>.</summary>
        /// <exception cref="ModelLoadException">The model breaks the contract, or uses an operator, attribute or constant the device does not run.</exception>
        public static Result Compile(OnnxModel model, string source, bool fuse = true)
        {
            var c = new GraphCompiler(model, source, fuse);
            return c.Run();
        }

        Result Run()
        {
            var g = _model.Graph;
            CheckOpset();
            if (g.UnsupportedParts.Count > 0)
                throw new ModelLoadException(Source, null, null, $"the graph holds {g.UnsupportedParts[0]}, which the deterministic device does not read.");

            var inputs = new List<TensorSignature>();
            foreach (var v in g.Inputs)
                if (!g.Initializers.ContainsKey(v.Name ?? "")) inputs.Add(Signature(v));
            var outputs = new List<TensorSignature>();
            foreach (var v in g.Outputs) outputs.Add(Signature(v));
            var description = SignatureCheck.Validate(inputs, outputs, _model.Metadata, Source);
            if (description.IsTexture)
                throw new ModelLoadException(Source, null, ModelContract.NoiseInputName,
                    "is a texture model (wasserforge.kind = texture, any output size from spatial noise), which the deterministic device does not run: its graph has fixed shapes. Load texture models on ONNX Runtime (ExecutionDevice.Auto or Cpu).");

            Bind(ModelContract.InputName, NewSlot(new TensorShape(description.LatentDim)));
            foreach (var node in g.Nodes)
                foreach (var input in node.Inputs)
                    if (input.Length > 0) _consumers[input] = (_consumers.TryGetValue(input, out var k) ? k : 0) + 1;
            foreach (var node in g.Nodes) Build(node);

            if (!_slots.TryGetValue(ModelContract.OutputName, out var outputSlot) || outputSlot == 0)
                throw new ModelLoadException(Source, ModelLoadError.WrongOutput, $"output '{ModelContract.OutputName}' is not computed by any node.");
            var shape = _shapes[outputSlot];
            var want = description.IsImage ? new[] { description.Channels, description.Height, description.Width } : new[] { description.Channels };
            if (!SameDims(shape.Dims, want))
                throw new ModelLoadException(Source, ModelLoadError.WrongOutput, $"the graph computes '{ModelContract.OutputName}' shaped {shape}; the metadata describes [N, {string.Join(", ", want)}].");
            return new Result { Description = description, Steps = _steps.ToArray(), Shapes = _shapes.ToArray(), OutputSlot = outputSlot };
        }

        void CheckOpset()
        {
            long version = -1;
            foreach (var kv in _model.Opsets)
                if (kv.Key == "" || kv.Key == "ai.onnx") version = kv.Value;
            if (version < MinOpset || version > MaxOpset)
                throw new ModelLoadException(Source, null, "opset_import",
                    $"the model imports ONNX operator set {(version < 0 ? "(none)" : version.ToString(System.Globalization.CultureInfo.InvariantCulture))}; the deterministic device implements versions {MinOpset} to {MaxOpset} (the trainer writes {ModelContract.OpsetVersion}).");
        }

        void Build(OnnxNode node)
        {
            var reader = new NodeReader(this, node);
            if (node.Domain.Length > 0 && node.Domain != "ai.onnx")
                throw reader.Refuse(null, $"operator {node.Domain}.{node.OpType} is from a custom domain, which the deterministic device does not run.");
            var builder = OperatorSet.Find(node.OpType);
            if (builder == null)
                throw reader.Refuse(null, $"operator {node.OpType} is not supported by the deterministic device; it runs {OperatorSet.Names} (see Documentation~/deterministic.md).");
            var step = builder(reader, this);
            reader.RefuseUnread();
            if (step == null) return;                   // folded into an earlier step (Bind was called)
            _steps.Add(step);
            Bind(node.Outputs[0], step.Output);
        }

        /// <summary>A new slot for a tensor of <paramref name="shape"/> per sample.</summary>
        public int NewSlot(TensorShape shape)
        {
            _shapes.Add(shape);
            return _shapes.Count - 1;
        }

        /// <summary>Names the tensor in <paramref name="slot"/> (a node's output).</summary>
        public void Bind(string name, int slot) => _slots[name] = slot;

        /// <summary>Remembers the output stage of the step writing <paramref name="slot"/>, so a following activation can be folded into it.</summary>
        public void RegisterStage(int slot, OutputStage stage) => _stages[slot] = stage;

        /// <summary>
        /// The output stage an activation reading <paramref name="value"/> can be folded into: the value is
        /// written by a linear step, read by this node only and not the graph's output; else null.
        /// </summary>
        public OutputStage FusibleStage(string value)
        {
            if (!Fuse || value == ModelContract.OutputName) return null;
            if (!_slots.TryGetValue(value, out var slot) || !_stages.TryGetValue(slot, out var stage)) return null;
            if (_consumers.TryGetValue(value, out var uses) && uses != 1) return null;
            if (stage.Activation != FusedActivation.None) return null;
            return stage;
        }

        /// <summary>The slot of a computed value.</summary>
        public int SlotOf(NodeReader node, string value, string role)
        {
            if (_slots.TryGetValue(value, out var slot)) return slot;
            if (ConstantOf(value) != null)
                throw node.Refuse(role, $"input '{value}' ({role}) is a constant; the deterministic device runs this operator on computed tensors only.");
            throw new ModelLoadException(Source, ModelLoadError.NotOnnx, $"{node.Node.Label} reads '{value}', which no input, initializer or earlier node defines (the nodes are not in topological order).");
        }

        public TensorShape ShapeOf(int slot) => _shapes[slot];

        /// <summary>The initializer named <paramref name="value"/>, or null.</summary>
        public OnnxTensor ConstantOf(string value) => _model.Graph.Initializers.TryGetValue(value, out var t) ? t : null;

        static TensorSignature Signature(OnnxValueInfo v) => new TensorSignature(v.Name, v.ElementType == 0 ? -1 : v.ElementType, v.Shape);

        static bool SameDims(int[] a, int[] b)
        {
            if (a.Length != b.Length) return false;
            for (var i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }
    }
}
