namespace Wasserforge.Onnx
{
    /// <summary>
    /// ONNX Runtime reported an error. <see cref="Code"/> is ORT's error code and <see cref="OrtMessage"/>
    /// ORT's own message; ORT's exception is the inner exception.
    /// </summary>
    public sealed class OnnxRuntimeException : WasserforgeException
    {
        /// <summary>ORT's error code.</summary>
        public OrtErrorCode Code { get; }

        /// <summary>ORT's own message, without our prefix.</summary>
        public string OrtMessage { get; }

        /// <summary>Creates the exception.</summary>
        public OnnxRuntimeException(OrtErrorCode code, string message, System.Exception inner = null)
            : base($"ONNX Runtime error {code}: {message}", inner)
        {
            Code = code;
            OrtMessage = message;
        }
    }
}
