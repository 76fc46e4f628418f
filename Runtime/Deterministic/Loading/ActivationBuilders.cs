using System.Globalization;

namespace Wasserforge.Deterministic
{
    /// <summary>Builders of the element-wise activations. ReLU and leaky ReLU right after a Gemm or convolution are folded into its output stage.</summary>
    internal static class ActivationBuilders
    {
        public static Operation Relu(NodeReader node, GraphCompiler graph) => Rectifier(node, graph, ActivationKind.Relu, 0f);

        public static Operation LeakyRelu(NodeReader node, GraphCompiler graph)
        {
            var alpha = node.Float("alpha", 0.01f);
            node.Require("alpha", alpha >= 0f && alpha <= 1f, alpha.ToString("R", CultureInfo.InvariantCulture), "0 ≤ alpha ≤ 1");
            return Rectifier(node, graph, ActivationKind.LeakyRelu, alpha);
        }

        public static Operation Tanh(NodeReader node, GraphCompiler graph) => Plain(node, graph, ActivationKind.Tanh);

        public static Operation Sigmoid(NodeReader node, GraphCompiler graph) => Plain(node, graph, ActivationKind.Sigmoid);

        static Operation Rectifier(NodeReader node, GraphCompiler graph, ActivationKind kind, float alpha)
        {
            node.ExpectInputs(1, 1);
            var input = node.Slot(0, "X");
            var stage = graph.FusibleStage(node.Node.Inputs[0]);
            if (stage != null)
            {
                stage.Fold(kind == ActivationKind.Relu ? FusedActivation.Relu : FusedActivation.LeakyRelu, alpha);
                graph.Bind(node.Node.Outputs[0], input);
                return null;
            }
            return new ActivationOperation(node.Node.Label, input, graph.NewSlot(graph.ShapeOf(input)), graph.ShapeOf(input), kind, alpha);
        }

        static Operation Plain(NodeReader node, GraphCompiler graph, ActivationKind kind)
        {
            node.ExpectInputs(1, 1);
            var input = node.Slot(0, "X");
            return new ActivationOperation(node.Node.Label, input, graph.NewSlot(graph.ShapeOf(input)), graph.ShapeOf(input), kind, 0f);
        }
    }
}
