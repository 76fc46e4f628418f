using System.CommandLine;
using Wasserforge.Training.Bench;

namespace Wasserforge.Cli.Commands
{
    /// <summary>
    /// <c>bench engine [--device D] [--warmup N] [--iterations N] [--threads N]</c>: WGAN-GP reference DCGAN
    /// iterations per second through the trainer's own step code (last line <c>iters_per_s=X</c>);
    /// <c>bench memory [--warmup N] [--steps N]</c>: the trainer's resident memory over a run;
    /// <c>bench runtime</c>: generation latency through the runtime;
    /// <c>bench scalars [--seconds N]</c>: TorchSharp's temporary Scalars against held ones under garbage collections.
    /// </summary>
    static class BenchCommand
    {
        public static Command Create(CliConsole console)
        {
            var cmd = new Command("bench", "Benchmarks (see docs/benchmarks.md and Training~/bench/run.sh).");
            var device = new Option<string>("--device") { DefaultValueFactory = _ => "auto", Description = "auto, cpu, cuda or cuda:N." };
            var warmup = new Option<int>("--warmup") { DefaultValueFactory = _ => 1, Description = "Untimed iterations first." };
            var iterations = new Option<int>("--iterations") { DefaultValueFactory = _ => 3, Description = "Timed iterations." };
            var engineThreads = new Option<int>("--threads") { DefaultValueFactory = _ => 0, Description = "Intra-op threads (0: one per core)." };
            var engine = new Command("engine", "WGAN-GP reference DCGAN pair (Training~/bench/wgan_gp_dcgan.py), 64x64, batch 64, trained by the trainer's step code: iterations per second.")
                { device, warmup, iterations, engineThreads };
            engine.SetAction(p => console.Guard(() =>
            {
                var rate = EngineBenchmark.Run(p.GetValue(device), p.GetValue(warmup), p.GetValue(iterations), p.GetValue(engineThreads));
                var ci = System.Globalization.CultureInfo.InvariantCulture;
                console.Out.WriteLine($"device {rate.Device}; TorchSharp {typeof(TorchSharp.torch).Assembly.GetName().Version}, libtorch {TorchSharp.torch.__version__}");
                console.Out.WriteLine("fastest_iters_per_s=" + rate.Fastest.ToString("R", ci));
                console.Out.WriteLine("iters_per_s=" + rate.Mean.ToString("R", ci));
                return 0;
            }));
            cmd.Subcommands.Add(engine);

            var memWarmup = new Option<int>("--warmup") { DefaultValueFactory = _ => 100, Description = "Iterations before the first measurement." };
            var memSteps = new Option<int>("--steps") { DefaultValueFactory = _ => 1000, Description = "Iterations in all." };
            var memory = new Command("memory", "Resident memory of a whole training run (small WGAN-GP DCGAN, procedural textures) after the warm-up and at the end.") { memWarmup, memSteps };
            memory.SetAction(p => console.Guard(() =>
            {
                var m = MemoryBenchmark.Run(p.GetValue(memWarmup), p.GetValue(memSteps));
                console.Out.WriteLine($"steps {m.Steps}: RSS {m.RssAfterWarmup / 1048576.0:F1} MiB after {m.Warmup} warm-up steps, {m.RssAtEnd / 1048576.0:F1} MiB at the end (peak {m.RssPeak / 1048576.0:F1} MiB)");
                console.Out.WriteLine("rss_growth=" + m.Growth.ToString("F4", System.Globalization.CultureInfo.InvariantCulture));
                return 0;
            }));
            cmd.Subcommands.Add(memory);

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

            var seconds = new Option<double>("--seconds") { DefaultValueFactory = _ => 10, Description = "Longest time per side." };
            var scalars = new Command("scalars", "TorchSharp 0.107's temporary Scalars against held ones while another thread collects garbage (Documentation~/training-engine.md).") { seconds };
            scalars.SetAction(p => console.Guard(() =>
            {
                var limit = p.GetValue(seconds);
                // The held side first: a use after free on the other side can take the process down with it.
                foreach (var held in new[] { true, false })
                {
                    var r = ScalarRaceCheck.Run(held, limit);
                    var side = held ? "held Scalars     " : "TorchSharp's own ";
                    console.Out.WriteLine(r.Error == null
                        ? $"{side}: {r.Updates:N0} updates in {r.Seconds:F1} s, no error"
                        : $"{side}: libtorch failed after {r.Updates:N0} updates ({r.Seconds:F2} s): {r.Error}");
                }
                return 0;
            }));
            cmd.Subcommands.Add(scalars);
            return cmd;
        }
    }
}
