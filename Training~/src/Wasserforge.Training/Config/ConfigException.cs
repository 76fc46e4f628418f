namespace Wasserforge.Training.Config
{
    /// <summary>A training config file is unreadable or holds a value the trainer cannot use. The message names the file, the key and (when known) the line.</summary>
    public sealed class ConfigException : WasserforgeException
    {
        /// <summary>The config file.</summary>
        public string FilePath { get; }

        /// <summary>Creates the exception; the message is prefixed with the file (and line when known).</summary>
        public ConfigException(string filePath, string problem, long line = 0, System.Exception inner = null)
            : base($"{filePath}{(line > 0 ? ":" + line : "")}: {problem}", inner)
        {
            FilePath = filePath;
        }
    }
}
