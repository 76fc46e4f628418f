using System.Collections.Generic;
using System.IO;
using System.Linq;
using Wasserforge.Contract;
using Wasserforge.Training.Checkpoints;
using Wasserforge.Training.Config;
using Wasserforge.Training.Loop;
using Wasserforge.Training.Models;
using static TorchSharp.torch;

namespace Wasserforge.Training.Export
{
    /// <summary>Exports the generator of a run (its latest checkpoint) or of a checkpoint folder to ONNX.</summary>
    public static class RunExporter
    {
        /// <summary>Exports the generator's weight average when the run keeps one (<c>training.ema</c>), else its weights, and returns the description written.</summary>
        /// <exception cref="WasserforgeException">The path is neither a run nor a checkpoint, or the run has no checkpoint.</exception>
        /// <exception cref="CheckpointException">The checkpoint is damaged or does not fit the run's config.</exception>
        public static GeneratorDescription Export(string runOrCheckpoint, string output) => Export(runOrCheckpoint, output, rawWeights: false, out _);

        /// <summary>
        /// Exports and returns the description written. <paramref name="exported"/> says which weights went out:
        /// the weight average (when the run keeps one and <paramref name="rawWeights"/> is false) or the trained weights.
        /// </summary>
        /// <exception cref="WasserforgeException">The path is neither a run nor a checkpoint, or the run has no checkpoint.</exception>
        /// <exception cref="CheckpointException">The checkpoint is damaged or does not fit the run's config.</exception>
        public static GeneratorDescription Export(string runOrCheckpoint, string output, bool rawWeights, out string exported)
        {
            string checkpoint;
            RunDirectory run;
            if (File.Exists(Path.Combine(runOrCheckpoint, "state.json")))
            {
                checkpoint = runOrCheckpoint;
                run = new RunDirectory(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(runOrCheckpoint).TrimEnd('/'))));
            }
            else
            {
                run = new RunDirectory(runOrCheckpoint);
                if (!run.Exists) throw new WasserforgeException($"{runOrCheckpoint}: not a run folder (no config.yaml) or a checkpoint folder (no state.json).");
                checkpoint = run.LatestCheckpoint() ?? throw new WasserforgeException($"{runOrCheckpoint}: the run has no checkpoint yet.");
            }
            var config = ConfigLoader.Load(run.ConfigPath);
            var channels = config.Model.Kind == "mlp" ? 2 : config.Data.Channels;
            manual_seed(0);
            using var models = ModelFactory.Create(config, channels);
            using var average = ModelFactory.CreateGenerator(config, channels);
            var state = Checkpoint.Load(checkpoint, new Dictionary<string, nn.Module> { ["generator"] = models.Generator, ["critic"] = models.Critic },
                new Dictionary<string, optim.Optimizer>(), new Dictionary<string, nn.Module> { [Trainer.AverageModule] = average });
            var useAverage = !rawWeights && state.AbsentModules.Count == 0;
            exported = useAverage ? $"the generator's weight average (training.ema: {config.Training.Ema.ToString(System.Globalization.CultureInfo.InvariantCulture)}" +
                                    (config.Training.EmaBatchNorm == "recompute" ? ", batch-norm statistics recomputed)" : ")")
                : rawWeights ? "the generator's trained weights (--raw-weights)" : "the generator's trained weights (the run keeps no weight average)";
            if (useAverage && config.Training.EmaBatchNorm == "recompute")
                GeneratorAverage.RecomputeNorms(average, models.LatentDim, CPU);
            var d = models.Describe(config, state.Step, Trainer.CreatedBy);
            GeneratorExporter.Export(useAverage ? average : models.Generator, d, output);
            return d;
        }
    }
}
