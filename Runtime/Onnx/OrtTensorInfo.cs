namespace Wasserforge.Onnx
{
    /// <summary>Name, element type and shape of a model input or output (-1 for a dynamic dimension).</summary>
    internal sealed class OrtTensorInfo
    {
        /// <summary>ONNX element type 1 = float32.</summary>
        public const int Float32 = 1;

        public string Name;
        /// <summary>ONNX TensorProto element type, or -1 when the value is not a tensor.</summary>
        public int ElementType;
        public long[] Shape;

        /// <summary>The shape as text, e.g. <c>[N, 64]</c> with N for dynamic dimensions.</summary>
        public string ShapeText()
        {
            if (Shape == null) return "(not a tensor)";
            var parts = new string[Shape.Length];
            for (var i = 0; i < Shape.Length; i++) parts[i] = Shape[i] < 0 ? "N" : Shape[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
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
                case 5: return "int16";
                case 6: return "int32";
                case 7: return "int64";
                case 9: return "bool";
                case 10: return "float16";
                case 11: return "float64";
                default: return "type " + ElementType;
            }
        }
    }
}
