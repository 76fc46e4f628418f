using System;
using System.CommandLine;
using System.IO;
using Wasserforge.Cli.Commands;

namespace Wasserforge.Cli
{
    /// <summary>The <c>wasserforge</c> command line. Each verb is one file under Commands/ over library code.</summary>
    public static class Cli
    {
        /// <summary>Builds the command tree; <paramref name="console"/> receives output.</summary>
        public static RootCommand Build(CliConsole console)
        {
            var root = new RootCommand("Wasserforge: train Wasserstein GANs on textures and sprites, export them to ONNX, and generate new ones.");
            root.Subcommands.Add(TrainCommand.Create(console));
            root.Subcommands.Add(ExportCommand.Create(console));
            root.Subcommands.Add(SampleCommand.Create(console));
            root.Subcommands.Add(InterpolateCommand.Create(console));
            root.Subcommands.Add(EvalCommand.Create(console));
            root.Subcommands.Add(DatasetsCommand.Create(console));
            root.Subcommands.Add(BenchCommand.Create(console));
            root.Subcommands.Add(StudioCommand.Create(console));
            return root;
        }

        /// <summary>
        /// Runs the tool in-process; returns the exit code: 0 success, 1 error (one line on
        /// <paramref name="error"/>, no stack trace), 2 usage error (bad or missing arguments), 130 or 143 training
        /// stopped by Ctrl-C or SIGTERM (a checkpoint was saved; 128 + the signal's number, as shells report it).
        /// </summary>
        public static int Run(string[] args, TextWriter output, TextWriter error)
        {
            var console = new CliConsole(output, error);
            var root = Build(console);
            var parse = root.Parse(args ?? Array.Empty<string>());
            if (parse.Errors.Count > 0 && !WantsHelp(args))
            {
                var verb = parse.CommandResult.Command == root ? "" : " " + parse.CommandResult.Command.Name;
                console.Error(UsageErrors.Describe(parse.Errors) + $" (see: wasserforge{verb} --help)");
                return 2;
            }
            try
            {
                return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
            }
            catch (Exception e) when (console.IsUserError(e))
            {
                console.Error(e.Message);
                return 1;
            }
        }

        static bool WantsHelp(string[] args) => args != null && Array.Exists(args, a => a == "--help" || a == "-h" || a == "-?");
    }
}
