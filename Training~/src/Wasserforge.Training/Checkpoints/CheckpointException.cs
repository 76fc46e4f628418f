using System;

namespace Wasserforge.Training.Checkpoints
{
    /// <summary>A checkpoint or weights file is damaged, too new, or does not match what is being loaded. The message names the file and the problem.</summary>
    public sealed class CheckpointException : WasserforgeException
    {
        /// <summary>The file (or folder).</summary>
        public string FilePath { get; }

        /// <summary>Creates the exception; the message is "<paramref name="filePath"/>: <paramref name="problem"/>".</summary>
        public CheckpointException(string filePath, string problem, Exception inner = null) : base($"{filePath}: {problem}", inner) { FilePath = filePath; }
    }
}
