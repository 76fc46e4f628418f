namespace Wasserforge.Onnx
{
    /// <summary>ONNX Runtime's <c>OrtErrorCode</c> values.</summary>
    public enum OrtErrorCode
    {
        /// <summary>Success.</summary>
        Ok = 0,
        /// <summary>Generic failure.</summary>
        Fail = 1,
        /// <summary>An argument was invalid.</summary>
        InvalidArgument = 2,
        /// <summary>A file was not found.</summary>
        NoSuchFile = 3,
        /// <summary>No model.</summary>
        NoModel = 4,
        /// <summary>Engine error.</summary>
        EngineError = 5,
        /// <summary>Runtime exception.</summary>
        RuntimeException = 6,
        /// <summary>The bytes are not a valid ONNX protobuf.</summary>
        InvalidProtobuf = 7,
        /// <summary>A model was already loaded.</summary>
        ModelLoaded = 8,
        /// <summary>Not implemented.</summary>
        NotImplemented = 9,
        /// <summary>The graph is invalid.</summary>
        InvalidGraph = 10,
        /// <summary>An execution provider failed.</summary>
        EpFail = 11,
        /// <summary>Model loading was cancelled.</summary>
        ModelLoadCanceled = 12,
        /// <summary>The model requires compilation.</summary>
        ModelRequiresCompilation = 13,
        /// <summary>Not found.</summary>
        NotFound = 14,
    }
}
