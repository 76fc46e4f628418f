using System;
using System.CommandLine;
using System.Threading;
using Wasserforge.Studio.Hosting;

namespace Wasserforge.Cli.Commands
{
    /// <summary>
    /// <c>studio [MODEL] [--run results/ID] [--port P] [--grid CxR]</c>: serves the latent explorer (and,
    /// with <c>--run</c>, a live training monitor) on 127.0.0.1 until Ctrl-C.
    /// </summary>
    static class StudioCommand
    {
        public static Command Create(CliConsole console)
        {
            var model = new Argument<string>("model") { Description = "Generator .onnx file to explore.", Arity = ArgumentArity.ZeroOrOne };
            var run = new Option<string>("--run") { Description = "Training run folder (results/<ID>) to monitor; its newest exported model opens in the explorer." };
            var port = new Option<int>("--port", "-p") { Description = "Port on 127.0.0.1 (0 = any free port).", DefaultValueFactory = _ => 5170 };
            var grid = new Option<string>("--grid") { Description = "Explorer grid, columns x rows (default 5x5)." };
            var cmd = new Command("studio", "Explore a generator's latent space, or watch a training run, in a browser (127.0.0.1 only).")
                { model, run, port, grid };
            cmd.SetAction(p => console.Guard(() =>
            {
                var (cols, rows) = Shared.ParseGrid(p.GetValue(grid));
                var options = new StudioOptions
                {
                    ModelPath = p.GetValue(model),
                    RunDirectory = p.GetValue(run),
                    Port = p.GetValue(port),
                    Columns = cols > 0 ? cols : 5,
                    Rows = rows > 0 ? rows : 5,
                };
                using var cts = new CancellationTokenSource();
                ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
                Console.CancelKeyPress += onCancel;
                try
                {
                    var server = StudioServer.StartAsync(options, cts.Token).GetAwaiter().GetResult();
                    try
                    {
                        if (server.Explorer.Error != null && options.ModelPath != null) console.Error(server.Explorer.Error + " (the page shows this too)");
                        console.Out.WriteLine($"studio: open {server.StartPage} (Ctrl-C stops)");
                        server.WaitAsync(cts.Token).GetAwaiter().GetResult();
                    }
                    finally { server.DisposeAsync().AsTask().GetAwaiter().GetResult(); }
                }
                finally { Console.CancelKeyPress -= onCancel; }
                return 0;
            }));
            return cmd;
        }
    }
}
