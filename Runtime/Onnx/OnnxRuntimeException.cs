namespace Wasserforge.Onnx
{
    /// <summary>ONNX Runtime reported an error. <see cref="Code"/> is ORT's error code; the message is ORT's.</summary>
    public sealed class OnnxRuntimeException : WasserforgeException
    {
        /// <summary>ORT's error code.</summary>
        public OrtErrorCode Code { get; }

        /// <summary>ORT's own message, without our prefix.</summary>
        public string OrtMessage { get; }

        /// <summary>Creates the exception.</summary>
        public OnnxRuntimeException(OrtErrorCode code, string message)
            : base($"ONNX Runtime error {code}: {message}")
        {
            Code = code;
            OrtMessage = message;
        }
    }
}
