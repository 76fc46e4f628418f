using System;
using System.CommandLine;
using Spectre.Console;
using Wasserforge.Cli.Stopping;
using Wasserforge.Training.Loop;

namespace Wasserforge.Cli.Commands
{
    /// <summary>
    /// <c>train CONFIG.yaml --run-id ID [--resume | --force] [--init-from RUN] [--device D] [--steps N] [--results DIR]</c>.
    /// Ctrl-C or SIGTERM saves a checkpoint and exits with 130 or 143 (<see cref="StopSignals"/>), printing the
    /// command that continues the run (<see cref="ResumeHint"/>).
    /// </summary>
    static class TrainCommand
    {
        const string DefaultResults = "results";

        public static Command Create(CliConsole console)
        {
            var config = new Argument<string>("config") { Description = "Training config (YAML); see Training~/config/README.md." };
            var runId = new Option<string>("--run-id") { Description = "Name of the run: results go to <results>/<run-id>/.", Required = true };
            var resume = new Option<bool>("--resume") { Description = "Continue the run from its last checkpoint (same RNG state)." };
            var force = new Option<bool>("--force") { Description = "Delete an existing run with this id and start over." };
            var initFrom = new Option<string>("--init-from") { Description = "Start from the weights of another run folder or checkpoint folder (fine-tuning)." };
            var device = new Option<string>("--device") { Description = "auto (CUDA when present), cpu, cuda or cuda:N. Overrides training.device." };
            var steps = new Option<int?>("--steps") { Description = "Generator iterations for this invocation (overrides training.steps)." };
            var results = new Option<string>("--results") { Description = "Folder holding runs.", DefaultValueFactory = _ => DefaultResults };
            var cmd = new Command("train", "Train a WGAN on a dataset; writes metrics, sample grids, checkpoints and the generator ONNX.")
                { config, runId, resume, force, initFrom, device, steps, results };
            cmd.Validators.Add(r =>
            {
                if (r.GetValue(resume) && r.GetValue(force)) r.AddError("--resume and --force cannot be used together.");
            });
            cmd.SetAction(p => console.Guard(() =>
            {
                using var stop = new StopSignals();
                var options = new TrainOptions
                {
                    ConfigPath = p.GetValue(config), RunId = p.GetValue(runId), ResultsRoot = p.GetValue(results),
                    Resume = p.GetValue(resume), Force = p.GetValue(force), InitFrom = p.GetValue(initFrom),
                    Device = p.GetValue(device), Steps = p.GetValue(steps), Cancellation = stop.Token,
                };
                var result = console.Interactive ? WithProgressBar(options) : Run(options, new LineObserver(console));
                if (result.Cancelled)
                {
                    console.Out.WriteLine($"stopped by {stop.Received ?? "request"} at step {result.Steps}; checkpoint saved. Continue with: {ResumeHint.For(options, DefaultResults)}");
                    return stop.ExitCode;
                }
                console.Out.WriteLine($"done: {result.Steps} steps in {result.Seconds:F0} s, Wasserstein estimate {result.LastWasserstein:F4}. Generator: {result.OnnxPath}");
                return 0;
            }));
            return cmd;
        }

        static TrainResult Run(TrainOptions options, LineObserver observer)
        {
            options.Observer = observer;
            var r = Trainer.Run(options);
            r.LastWasserstein = observer.LastWasserstein;
            return r;
        }

        static TrainResult WithProgressBar(TrainOptions options)
        {
            TrainResult result = null;
            double lastW = 0;
            // Spectre hides the cursor while the bar is drawn; it is shown again however the run ends (done,
            // stopped by a signal, or an error on its way to the user).
            using var cursor = new VisibleCursorOnExit();
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("starting", maxValue: 1);
                    options.Observer = new ProgressObserver(task, w => lastW = w);
                    result = Trainer.Run(options);
                });
            result.LastWasserstein = lastW;
            return result;
        }

        /// <summary>One line per metrics row: for logs and non-interactive runs.</summary>
        sealed class LineObserver : ITrainingObserver
        {
            readonly CliConsole _c;
            public double LastWasserstein;
            public LineObserver(CliConsole c) { _c = c; }
            public void Started(string runId, string device, string dataset, long startStep, long totalSteps) =>
                _c.Out.WriteLine($"run {runId}: {dataset}; device {device}; steps {startStep}→{totalSteps}");
            public void Progress(in MetricsRow r, long total)
            {
                LastWasserstein = r.Wasserstein;
                _c.Out.WriteLine($"step {r.Step,6}/{total}  W {r.Wasserstein,9:F4}  critic {r.CriticLoss,9:F4}  gp {r.GradientPenalty,7:F4}  gen {r.GeneratorLoss,9:F4}  {r.ImagesPerSecond,7:F0} img/s  {r.WallTimeSeconds,6:F0} s");
            }
            public void Note(string message) => _c.Out.WriteLine(message);
        }

        /// <summary>A progress bar with ETA whose description shows the latest Wasserstein estimate.</summary>
        sealed class ProgressObserver : ITrainingObserver
        {
            readonly ProgressTask _task;
            readonly Action<double> _onW;
            public ProgressObserver(ProgressTask task, Action<double> onW) { _task = task; _onW = onW; }
            public void Started(string runId, string device, string dataset, long startStep, long totalSteps)
            {
                _task.MaxValue = totalSteps;
                _task.Value = startStep;
                _task.Description = $"{runId} [grey]({Markup.Escape(device)})[/]";
                AnsiConsole.MarkupLine($"[grey]{Markup.Escape(dataset)}[/]");
            }
            public void Progress(in MetricsRow r, long total)
            {
                _onW(r.Wasserstein);
                _task.Value = r.Step;
                _task.Description = $"W [bold]{r.Wasserstein:F4}[/] gen {r.GeneratorLoss:F3} {r.ImagesPerSecond:F0} img/s";
            }
            public void Note(string message) => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(message)}[/]");
        }
    }

    /// <summary><c>export RUN_OR_CHECKPOINT -o model.onnx [--raw-weights]</c>.</summary>
    static class ExportCommand
    {
        public static Command Create(CliConsole console)
        {
            var source = new Argument<string>("run") { Description = "A run folder (its latest checkpoint is used) or a checkpoint folder." };
            var output = new Option<string>("--output", "-o") { Description = "The .onnx file to write.", Required = true };
            var raw = new Option<bool>("--raw-weights") { Description = "Export the generator's trained weights instead of their moving average (runs with training.ema)." };
            var cmd = new Command("export", "Export a run's generator to ONNX with the model contract's metadata.") { source, output, raw };
            cmd.SetAction(p => console.Guard(() =>
            {
                var d = Wasserforge.Training.Export.RunExporter.Export(p.GetValue(source), p.GetValue(output), p.GetValue(raw), out var exported);
                console.Out.WriteLine($"exported {p.GetValue(output)}: {(d.IsImage ? $"{d.Width}x{d.Height}x{d.Channels}" : $"{d.Channels}-D points")}, latent {d.LatentDim}, {d.Loss}, step {d.Steps}, {exported}");
                return 0;
            }));
            return cmd;
        }
    }
}
