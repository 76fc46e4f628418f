using System;
using Spectre.Console;

namespace Wasserforge.Cli.Stopping
{
    /// <summary>Shows the terminal's cursor again when disposed: around a progress display, which hides it.</summary>
    sealed class VisibleCursorOnExit : IDisposable
    {
        /// <summary>Writes the "show cursor" sequence (nothing when the console does not take ANSI sequences).</summary>
        public void Dispose() => AnsiConsole.Cursor.Show();
    }
}
