using System.CommandLine;
using Wasserforge.Training.Data;

namespace Wasserforge.Cli.Commands
{
    /// <summary><c>datasets</c>: lists the built-in datasets.</summary>
    static class DatasetsCommand
    {
        public static Command Create(CliConsole console)
        {
            var cmd = new Command("datasets", "List the built-in datasets (use one as data.source in a config).");
            cmd.SetAction(_ =>
            {
                foreach (var kv in DatasetRegistry.BuiltIns) console.Out.WriteLine($"{kv.Key,-12} {kv.Value}");
                console.Out.WriteLine("Any folder or file of PNG, JPG, TGA or BMP images works too (data.source: path, optionally data.atlas: 32x32).");
                return 0;
            });
            return cmd;
        }
    }
}
