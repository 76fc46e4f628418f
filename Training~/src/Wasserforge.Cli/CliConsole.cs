using System;
using System.IO;

namespace Wasserforge.Cli
{
    /// <summary>Where commands write: plain lines for results, one red line for errors (no stack traces for user errors).</summary>
    public sealed class CliConsole
    {
        /// <summary>Standard output.</summary>
        public TextWriter Out { get; }
        /// <summary>Standard error.</summary>
        public TextWriter Err { get; }
        /// <summary>True when output is an interactive terminal (progress bars are drawn only then).</summary>
        public bool Interactive { get; }

        /// <summary>Creates the console.</summary>
        public CliConsole(TextWriter output, TextWriter error)
        {
            Out = output; Err = error;
            Interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        }

        /// <summary>Writes an error line (red on a terminal).</summary>
        public void Error(string message)
        {
            if (Interactive) Err.WriteLine("\u001b[31merror:\u001b[0m " + message);
            else Err.WriteLine("error: " + message);
        }

        /// <summary>
        /// Exceptions that describe a user's mistake, a bad file or a refusal of libtorch (TorchSharp reports
        /// those, e.g. CUDA out of memory, as <see cref="System.Runtime.InteropServices.ExternalException"/>):
        /// printed as one line, no stack trace.
        /// </summary>
        public bool IsUserError(Exception e) =>
            e is WasserforgeException || e is System.Runtime.InteropServices.ExternalException || e is IOException ||
            e is ArgumentException || e is FormatException || e is UnauthorizedAccessException;

        /// <summary>Runs <paramref name="action"/>, turning user errors into one red line and exit code 1.</summary>
        public int Guard(Func<int> action)
        {
            try { return action(); }
            catch (Exception e) when (IsUserError(e))
            {
                Error(e.Message);
                return 1;
            }
        }
    }
}
