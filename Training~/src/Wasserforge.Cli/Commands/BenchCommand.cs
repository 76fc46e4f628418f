using System.CommandLine;
using Wasserforge.Training.Bench;

namespace Wasserforge.Cli.Commands
{
    /// <summary><c>bench engine [--device D] [--warmup N] [--iterations N]</c>: prints WGAN-GP DCGAN iterations per second.</summary>
    static class BenchCommand
    {
        public static Command Create(CliConsole console)
        {
            var cmd = new Command("bench", "Benchmarks (see docs/benchmarks.md and Training~/bench/run.sh).");
            var device = new Option<string>("--device") { DefaultValueFactory = _ => "auto", Description = "auto, cpu or cuda." };
            var warmup = new Option<int>("--warmup") { DefaultValueFactory = _ => 1 };
            var iterations = new Option<int>("--iterations") { DefaultValueFactory = _ => 3 };
            var engine = new Command("engine", "WGAN-GP reference DCGAN pair, 64x64, batch 64: generator iterations per second.") { device, warmup, iterations };
            engine.SetAction(p => console.Guard(() =>
            {
                var rate = EngineBenchmark.Run(p.GetValue(device), p.GetValue(warmup), p.GetValue(iterations));
                console.Out.WriteLine(rate.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                return 0;
            }));
            cmd.Subcommands.Add(engine);

            var folder = new Option<string>("--models") { Description = "Folder for the exported benchmark models.", DefaultValueFactory = _ => "out~/bench" };
            var threads = new Option<int>("--threads") { DefaultValueFactory = _ => System.Environment.ProcessorCount };
            var repeats = new Option<int>("--repeats") { DefaultValueFactory = _ => 50 };
            var runtime = new Command("runtime", "Generation latency of 32/64/128 px DCGAN generators at batch 1 and 16 (JSON).") { folder, threads, repeats };
            runtime.SetAction(p => console.Guard(() =>
            {
                var timings = RuntimeBenchmark.Run(p.GetValue(folder), p.GetValue(threads), p.GetValue(repeats));
                console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(timings, new System.Text.Json.JsonSerializerOptions { IncludeFields = true }));
                return 0;
            }));
            cmd.Subcommands.Add(runtime);
            return cmd;
        }
    }
}
