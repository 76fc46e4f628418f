using System.Collections.Generic;
using Wasserforge.Contract;

namespace Wasserforge.Generation
{
    /// <summary>What a loaded model declares: its inputs, outputs and custom metadata (checked against the contract by <see cref="SignatureCheck"/>).</summary>
    internal sealed class ModelSignature
    {
        /// <summary>The model's inputs in declaration order.</summary>
        public TensorSignature[] Inputs;
        /// <summary>The model's outputs in declaration order.</summary>
        public TensorSignature[] Outputs;
        /// <summary>The ONNX <c>metadata_props</c>.</summary>
        public IReadOnlyDictionary<string, string> Metadata;

        /// <summary>Checks the signature against the model contract.</summary>
        /// <exception cref="ModelLoadException">Wrong input or output (names, types, shapes) or metadata; the message names <paramref name="source"/> and the problem.</exception>
        public GeneratorDescription Validate(string source) => SignatureCheck.Validate(Inputs, Outputs, Metadata, source);
    }
}
