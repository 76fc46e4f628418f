using System;

namespace Wasserforge
{
    /// <summary>
    /// A generator model could not be loaded. <see cref="Reason"/> says what is wrong and
    /// <see cref="FilePath"/> names the file (or <c>&lt;memory&gt;</c> for models loaded from bytes).
    /// </summary>
    public sealed class ModelLoadException : WasserforgeException
    {
        /// <summary>What is wrong with the model.</summary>
        public ModelLoadError Reason { get; }

        /// <summary>The file that was being loaded, or <c>&lt;memory&gt;</c>.</summary>
        public string FilePath { get; }

        /// <summary>For <see cref="ModelLoadError.UnsupportedOperator"/>: the ONNX operator refused (e.g. <c>Softmax</c>); null otherwise.</summary>
        public string Operator { get; }

        /// <summary>For <see cref="ModelLoadError.UnsupportedOperator"/>: the attribute or input refused (e.g. <c>group</c>), or null when the operator itself is.</summary>
        public string Attribute { get; }

        /// <summary>Creates an <see cref="ModelLoadError.UnsupportedOperator"/> error naming the operator and attribute; the message is prefixed with the file path.</summary>
        public ModelLoadException(string filePath, string op, string attribute, string problem)
            : this(filePath, ModelLoadError.UnsupportedOperator, problem)
        {
            Operator = op;
            Attribute = attribute;
        }

        /// <summary>Creates the exception; the message is prefixed with the file path.</summary>
        public ModelLoadException(string filePath, ModelLoadError reason, string problem, Exception inner = null)
            : base($"{filePath ?? "<memory>"}: {problem}", inner)
        {
            FilePath = filePath ?? "<memory>";
            Reason = reason;
        }
    }
}
