using System.Collections.Generic;
using System.CommandLine.Parsing;
using System.Linq;
using System.Text.RegularExpressions;

namespace Wasserforge.Cli
{
    /// <summary>Turns System.CommandLine's parse errors into one readable line.</summary>
    static class UsageErrors
    {
        static readonly Regex s_type = new Regex(@" as expected type '[^']*'", RegexOptions.Compiled);

        /// <summary>The distinct messages joined with "; ", without .NET type names.</summary>
        public static string Describe(IEnumerable<ParseError> errors) =>
            string.Join("; ", errors.Select(e => s_type.Replace(e.Message, "").TrimEnd('.')).Distinct()) + ".";
    }
}
