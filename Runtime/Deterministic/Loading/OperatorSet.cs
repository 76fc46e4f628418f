using System.Collections.Generic;

namespace Wasserforge.Deterministic
{
    /// <summary>Builds the step of one ONNX node (or returns null after folding it into an earlier step).</summary>
    internal delegate Operation OperatorBuilder(NodeReader node, GraphCompiler graph);

    /// <summary>
    /// The operators the deterministic device runs: exactly what the trainer's exporter writes for
    /// generators. A new operator is one builder and one <see cref="Operation"/> in its own file, listed here.
    /// </summary>
    internal static class OperatorSet
    {
        static readonly Dictionary<string, OperatorBuilder> s_builders = new Dictionary<string, OperatorBuilder>
        {
            ["Gemm"] = LinearBuilders.Gemm,
            ["Conv"] = LinearBuilders.Conv,
            ["ConvTranspose"] = LinearBuilders.ConvTranspose,
            ["Relu"] = ActivationBuilders.Relu,
            ["LeakyRelu"] = ActivationBuilders.LeakyRelu,
            ["Tanh"] = ActivationBuilders.Tanh,
            ["Sigmoid"] = ActivationBuilders.Sigmoid,
            ["Reshape"] = LayoutBuilders.Reshape,
            ["Identity"] = LayoutBuilders.Identity,
            ["Slice"] = LayoutBuilders.Slice,
            ["Concat"] = LayoutBuilders.Concat,
            ["Resize"] = LayoutBuilders.Resize,
        };

        /// <summary>The builder of <paramref name="opType"/>, or null when the device does not run it.</summary>
        public static OperatorBuilder Find(string opType) =>
            opType != null && s_builders.TryGetValue(opType, out var b) ? b : null;

        /// <summary>The supported operators, for messages.</summary>
        public static string Names => string.Join(", ", s_builders.Keys);
    }
}
