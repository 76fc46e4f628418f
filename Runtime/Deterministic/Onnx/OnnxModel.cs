using System.Collections.Generic;

namespace Wasserforge.Deterministic.Onnx
{
    /// <summary>The parts of an ONNX ModelProto the deterministic device reads (onnx.proto field names).</summary>
    internal sealed class OnnxModel
    {
        public long IrVersion;
        public string ProducerName;
        /// <summary>Operator set imports: domain ("" is the default ONNX domain) → version.</summary>
        public readonly Dictionary<string, long> Opsets = new Dictionary<string, long>();
        /// <summary>metadata_props in file order (later duplicates win).</summary>
        public readonly Dictionary<string, string> Metadata = new Dictionary<string, string>();
        public readonly OnnxGraph Graph = new OnnxGraph();
    }

    /// <summary>A GraphProto: nodes in file order, constant tensors, declared inputs and outputs.</summary>
    internal sealed class OnnxGraph
    {
        public string Name;
        public readonly List<OnnxNode> Nodes = new List<OnnxNode>();
        public readonly Dictionary<string, OnnxTensor> Initializers = new Dictionary<string, OnnxTensor>();
        public readonly List<OnnxValueInfo> Inputs = new List<OnnxValueInfo>();
        public readonly List<OnnxValueInfo> Outputs = new List<OnnxValueInfo>();
        /// <summary>Field numbers of GraphProto fields the device does not support that were present (e.g. sparse initializers).</summary>
        public readonly List<string> UnsupportedParts = new List<string>();
    }

    /// <summary>A NodeProto.</summary>
    internal sealed class OnnxNode
    {
        public string Name;
        public string OpType;
        public string Domain = "";
        public readonly List<string> Inputs = new List<string>();
        public readonly List<string> Outputs = new List<string>();
        public readonly List<OnnxAttribute> Attributes = new List<OnnxAttribute>();

        /// <summary>How errors name the node: its name and operator, e.g. <c>node 'Conv_3' (Conv)</c>.</summary>
        public string Label => string.IsNullOrEmpty(Name) ? $"a {OpType} node" : $"node '{Name}' ({OpType})";
    }

    /// <summary>AttributeProto types (onnx.proto AttributeType).</summary>
    internal enum OnnxAttributeType
    {
        Undefined = 0,
        Float = 1,
        Int = 2,
        String = 3,
        Tensor = 4,
        Graph = 5,
        Floats = 6,
        Ints = 7,
        Strings = 8,
    }

    /// <summary>An AttributeProto: the value in the field its type names.</summary>
    internal sealed class OnnxAttribute
    {
        public string Name;
        public OnnxAttributeType Type;
        public float F;
        public long I;
        public string S;
        public readonly List<float> Floats = new List<float>();
        public readonly List<long> Ints = new List<long>();
        /// <summary>True when the attribute refers to a function's attribute (ref_attr_name) instead of holding a value.</summary>
        public bool IsReference;
    }

    /// <summary>ONNX TensorProto data types used here.</summary>
    internal static class OnnxDataType
    {
        public const int Float = 1;
        public const int Int32 = 6;
        public const int Int64 = 7;
        public const int Double = 11;

        /// <summary>The name ONNX gives a data type, for messages.</summary>
        public static string Name(int type)
        {
            switch (type)
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
                case 12: return "uint32";
                case 13: return "uint64";
                case 16: return "bfloat16";
                default: return $"data type {type}";
            }
        }
    }

    /// <summary>A constant tensor (initializer): float32 values or integer values (int32/int64), row-major.</summary>
    internal sealed class OnnxTensor
    {
        public string Name;
        public long[] Dims = new long[0];
        public int DataType;
        /// <summary>Values of a float32 tensor.</summary>
        public float[] Floats;
        /// <summary>Values of an int32 or int64 tensor.</summary>
        public long[] Integers;
        /// <summary>True when the data lives in an external file (not supported).</summary>
        public bool External;

        /// <summary>Number of elements the dimensions describe.</summary>
        public long ElementCount
        {
            get
            {
                long n = 1;
                foreach (var d in Dims) n *= d;
                return n;
            }
        }
    }

    /// <summary>A ValueInfoProto of a tensor: name, element type and dimensions (-1 for a symbolic or missing dimension).</summary>
    internal sealed class OnnxValueInfo
    {
        public string Name;
        public int ElementType;
        /// <summary>Dimensions; null when the shape is not given at all.</summary>
        public long[] Shape;
    }
}
