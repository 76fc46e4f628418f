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
        public static OnnxRuntimeException From(OrtException e) => FromMessage(e.Message, e);

        /// <summary>Our exception for ORT's message text (kept apart from <see cref="From"/> for tests: ORT's exception has no public constructor).</summary>
        public static OnnxRuntimeException FromMessage(string message, Exception inner)
        {
            var text = message ?? "";
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
            return new OnnxRuntimeException(code, Readable(text), inner);
        }

        /// <summary>
        /// ORT's text without the C++ source location that native errors start with
        /// ("/onnxruntime_src/…cc:2043 onnxruntime::…Get() [ONNXRuntimeError] : 1 : FAIL : Failed to load …").
        /// </summary>
        static string Readable(string text)
        {
            const string Marker = "[ONNXRuntimeError] : ";
            var at = text.IndexOf(Marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                // "<number> : <CODE> : <message>"
                var rest = text.Substring(at + Marker.Length);
                var first = rest.IndexOf(" : ", StringComparison.Ordinal);
                var second = first < 0 ? -1 : rest.IndexOf(" : ", first + 3, StringComparison.Ordinal);
                if (second >= 0) text = rest.Substring(second + 3);
            }
            return text.Trim();
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
