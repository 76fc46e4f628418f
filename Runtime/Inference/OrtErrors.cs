using System;
using Wasserforge.Onnx;
using OrtException = Microsoft.ML.OnnxRuntime.OnnxRuntimeException;

namespace Wasserforge.Inference
{
    /// <summary>Turns ONNX Runtime's exceptions into <see cref="OnnxRuntimeException"/> (our public type, with ORT's code and message).</summary>
    internal static class OrtErrors
    {
        const string Prefix = "[ErrorCode:";

        /// <summary>Our exception for ORT's: its message reads "[ErrorCode:Name] message" (the code itself is internal to ORT's C# API).</summary>
        public static OnnxRuntimeException From(OrtException e)
        {
            var text = e.Message ?? "";
            var code = OrtErrorCode.Fail;
            if (text.StartsWith(Prefix, StringComparison.Ordinal))
            {
                var end = text.IndexOf(']');
                if (end > Prefix.Length)
                {
                    code = CodeNamed(text.Substring(Prefix.Length, end - Prefix.Length));
                    text = text.Substring(end + 1).TrimStart();
                }
            }
            return new OnnxRuntimeException(code, text, e);
        }

        static OrtErrorCode CodeNamed(string name)
        {
            // ORT's C# API still names codes 11 and 12 after their old meanings.
            if (name == "ShapeInferenceNotRegistered") return OrtErrorCode.EpFail;
            if (name == "RequirementNotRegistered") return OrtErrorCode.ModelLoadCanceled;
            return Enum.TryParse(name, out OrtErrorCode code) ? code : OrtErrorCode.Fail;
        }
    }
}
