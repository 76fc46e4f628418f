using System.Collections.Generic;
using System.Globalization;

namespace Wasserforge.Generation
{
    /// <summary>Name, element type and shape of a model input or output, as an engine read them (-1 for a dynamic dimension).</summary>
    internal sealed class TensorSignature
    {
        /// <summary>ONNX TensorProto element type 1 = float32.</summary>
        public const int Float32 = 1;

        /// <summary>The input or output name.</summary>
        public string Name;
        /// <summary>ONNX TensorProto element type, or -1 when the value is not a tensor.</summary>
        public int ElementType = -1;
        /// <summary>Dimensions, -1 where dynamic; null when the value is not a tensor.</summary>
        public long[] Shape;

        /// <summary>The shape as text, e.g. <c>[N, 64]</c> with N for dynamic dimensions.</summary>
        public string ShapeText()
        {
            if (Shape == null) return "(not a tensor)";
            var parts = new string[Shape.Length];
            for (var i = 0; i < Shape.Length; i++) parts[i] = Shape[i] < 0 ? "N" : Shape[i].ToString(CultureInfo.InvariantCulture);
            return "[" + string.Join(", ", parts) + "]";
        }

        /// <summary>ONNX element type name.</summary>
        public string ElementTypeName()
        {
            switch (ElementType)
            {
                case 1: return "float32";
                case 2: return "uint8";
                case 3: return "int8";
                case 4: return "uint16";
                case 5: return "int16";
                case 6: return "int32";
                case 7: return "int64";
                case 8: return "string";
                case 9: return "bool";
                case 10: return "float16";
                case 11: return "float64";
                case -1: return "not a tensor";
                default: return "type " + ElementType.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>What a loaded model declares: its inputs, outputs and custom metadata (checked against the contract by <see cref="ModelValidator"/>).</summary>
    internal sealed class ModelSignature
    {
        /// <summary>The model's inputs in declaration order.</summary>
        public TensorSignature[] Inputs;
        /// <summary>The model's outputs in declaration order.</summary>
        public TensorSignature[] Outputs;
        /// <summary>The ONNX <c>metadata_props</c>.</summary>
        public IReadOnlyDictionary<string, string> Metadata;
    }
}
