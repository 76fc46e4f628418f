using System.IO;

namespace Wasserforge.Cli.Tests
{
    /// <summary>Runs the command line in-process and captures what it prints.</summary>
    static class CliHarness
    {
        public static (int code, string output, string error) Run(params string[] args)
        {
            var o = new StringWriter();
            var e = new StringWriter();
            var code = Cli.Run(args, o, e);
            return (code, o.ToString(), e.ToString());
        }
    }
}
