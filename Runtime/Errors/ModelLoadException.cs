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

        /// <summary>Creates the exception; the message is prefixed with the file path.</summary>
        public ModelLoadException(string filePath, ModelLoadError reason, string problem, Exception inner = null)
            : base($"{filePath ?? "<memory>"}: {problem}", inner)
        {
            FilePath = filePath ?? "<memory>";
            Reason = reason;
        }
    }
}
