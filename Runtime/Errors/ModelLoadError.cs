namespace Wasserforge
{
    /// <summary>What is wrong with a generator model that could not be loaded.</summary>
    public enum ModelLoadError
    {
        /// <summary>The path does not name an existing file.</summary>
        NotAFile,
        /// <summary>The bytes are not an ONNX model at all.</summary>
        NotOnnx,
        /// <summary>The file ends early: it was cut off while copying or writing.</summary>
        Truncated,
        /// <summary>The model's input is missing, misnamed, of the wrong type or shape.</summary>
        WrongInput,
        /// <summary>The model's output is missing, misnamed, of the wrong type or shape.</summary>
        WrongOutput,
        /// <summary>A metadata key the contract requires is missing.</summary>
        MissingMetadata,
        /// <summary>A metadata value cannot be parsed or contradicts the model's shapes.</summary>
        InvalidMetadata,
        /// <summary>The model was written for a newer contract than this package supports.</summary>
        UnsupportedVersion,
        /// <summary>ONNX Runtime refused the model for another reason (its message is included).</summary>
        RuntimeRejected,
        /// <summary>The deterministic device does not run an operator, attribute or constant of the model (<see cref="ModelLoadException.Operator"/> and <see cref="ModelLoadException.Attribute"/> name it).</summary>
        UnsupportedOperator,
    }
}
