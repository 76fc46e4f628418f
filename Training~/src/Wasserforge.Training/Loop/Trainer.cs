using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Wasserforge.Contract;
using Wasserforge.Latent;
using TorchSharp;
using Wasserforge.Training.Checkpoints;
using Wasserforge.Training.Config;
using Wasserforge.Training.Data;
using Wasserforge.Training.Engine;
using Wasserforge.Training.Export;
using Wasserforge.Training.Losses;
using Wasserforge.Training.Models;
using static TorchSharp.torch;

namespace Wasserforge.Training.Loop
{
    /// <summary>
    /// A training run: config → dataset → generator and critic → n_critic critic steps + 1 generator
    /// step per iteration, with a metrics CSV, sample grids, checkpoints, resume, fine-tuning from
    /// another run, NaN detection, and ONNX export at the end.
    /// </summary>
    public sealed partial class Trainer
    {
        /// <summary>Tool name written into exported models.</summary>
        public const string CreatedBy = "wasserforge-trainer 0.1.0";

        /// <summary>Runs (or resumes) training as <paramref name="options"/> say.</summary>
        /// <exception cref="ConfigException">The config is invalid.</exception>
        /// <exception cref="DatasetException">The dataset cannot be built.</exception>
        /// <exception cref="TrainingDivergedException">A loss became NaN or infinite.</exception>
        /// <exception cref="TrainingOutOfMemoryException">libtorch ran out of memory (configs that cannot fit are refused before, as <see cref="ConfigException"/>).</exception>
        /// <exception cref="WasserforgeException">The run folder state conflicts with the options (exists without --resume/--force, or nothing to resume).</exception>
        /// <remarks>
        /// A fresh run that fails before its first training step (config, data, model, device, --init-from)
        /// leaves no run folder (<see cref="NewRunFolder"/>), so the retry needs no --force; once a step has run,
        /// the folder stays with its metrics, samples and checkpoints. --resume never removes anything.
        /// </remarks>
        public static TrainResult Run(TrainOptions options)
        {
            var run = new RunDirectory(Path.Combine(options.ResultsRoot, options.RunId));
            TrainConfig config;
            string configDir;
            if (options.Resume)
            {
                if (!run.Exists) throw new WasserforgeException($"run '{options.RunId}' has nothing to resume in {run.Root}: start it without --resume.");
                config = ConfigLoader.Load(run.ConfigPath);
                configDir = File.Exists(run.Root + "/source-dir.txt") ? File.ReadAllText(run.Root + "/source-dir.txt").Trim() : run.Root;
            }
            else
            {
                if (run.Exists && !options.Force)
                    throw new WasserforgeException($"run '{options.RunId}' already exists in {run.Root}: add --resume to continue it or --force to start over.");
                config = ConfigLoader.Load(options.ConfigPath);
                configDir = Path.GetDirectoryName(Path.GetFullPath(options.ConfigPath));
            }
            // Command-line overrides (--steps, --device) apply to this invocation only: checked here, before the
            // run folder is touched (so --force never deletes a run for a bad override), and not saved with the run.
            var fileTraining = (config.Training.Steps, config.Training.Device);
            if (options.Steps.HasValue) config.Training.Steps = options.Steps.Value;
            if (options.Device != null) config.Training.Device = options.Device;
            ConfigValidator.Validate(config, options.Resume ? run.ConfigPath : options.ConfigPath);
            var created = options.Resume ? null : NewRunFolder.Create(run, options.Force);
            var trainer = new Trainer(config, run, options, configDir);
            try
            {
                if (created != null)
                {
                    var effective = (config.Training.Steps, config.Training.Device);
                    (config.Training.Steps, config.Training.Device) = fileTraining;
                    ConfigLoader.Save(config, run.ConfigPath);
                    (config.Training.Steps, config.Training.Device) = effective;
                    File.WriteAllText(Path.Combine(run.Root, "source-dir.txt"), configDir);
                }
                return trainer.Train();
            }
            catch (Exception e)
            {
                if (created != null && trainer._stepsDone == 0) created.Remove();
                if (OutOfMemory.Matches(e)) throw OutOfMemory.Describe(e, options.Resume ? run.ConfigPath : options.ConfigPath, trainer._stepsDone);
                throw;
            }
        }

        readonly TrainConfig _config;
        readonly RunDirectory _run;
        readonly TrainOptions _options;
        readonly string _configDir;
        /// <summary>Generator steps completed by this invocation: a fresh run that fails before the first leaves no folder.</summary>
        long _stepsDone;

        Trainer(TrainConfig config, RunDirectory run, TrainOptions options, string configDir)
        {
            _config = config; _run = run; _options = options; _configDir = configDir;
        }

        TrainResult Train()
        {
            var obs = _options.Observer ?? NullObserver.Instance;
            var t = _config.Training;
            TorchDevices.SetThreads(t.Threads);
            var device = TorchDevices.Resolve(t.Device, out var deviceText);
            TrainingMemory.Check(_config, _options.Resume ? _run.ConfigPath : _options.ConfigPath, device.type == DeviceType.CPU, _options.MemoryBudget);
            // Weights are initialised on the CPU from the default generator, then moved: the same on every device.
            torch.manual_seed((long)t.Seed);

            IDataset data;
            ImageDataset heldOut;
            using (var report = new StringWriter())
            {
                data = DatasetFactory.Create(_config, _configDir, _run.CacheDir, report, out heldOut);
                if (report.GetStringBuilder().Length > 0)
                {
                    File.WriteAllText(_run.DataReportPath, report.ToString());
                    obs.Note($"some files were skipped: see {_run.DataReportPath}");
                }
            }
            var channels = (int)data.SampleShape[0];
            using var models = ModelFactory.Create(_config, _config.Model.Kind == "mlp" ? 2 : channels);
            models.Generator.to(device);
            models.Critic.to(device);
            using var average = _config.Training.Ema > 0 ? new GeneratorAverage(ModelFactory.CreateGenerator(_config, _config.Model.Kind == "mlp" ? 2 : channels), _config.Training.Ema) : null;
            average?.Average.to(device);
            var loss = GanLoss.Create(_config.Loss);
            using var optG = MakeOptimizer(_config.Optimizer, models.Generator.parameters(), _config.Optimizer.LrGenerator.Value);
            using var optC = MakeOptimizer(_config.Optimizer, models.Critic.parameters(), _config.Optimizer.LrCritic.Value);
            using var noise = new Generator(t.Seed * 2654435761UL + 17);
            var steps = new TrainingStep(models, loss, optC, optG, noise, device);
            var dataRng = new Xoshiro256(t.Seed ^ 0xDA7A5EEDUL);

            long step = 0;
            double wallBefore = 0;
            var latest = _options.Resume ? _run.LatestCheckpoint() : null;
            if (_options.Resume && latest == null) obs.Note("no checkpoint yet: starting from step 0");
            if (latest != null)
            {
                var st = Checkpoint.Load(latest, Modules(models), Optimizers(optG, optC), Averaged(average));
                step = st.Step;
                RestoreNoise(noise, st, latest);
                dataRng = Xoshiro256.FromState(Words(st.Rng["data"]));
                wallBefore = double.Parse(st.Extra["wall_time_s"], System.Globalization.CultureInfo.InvariantCulture);
                obs.Note($"resumed from {latest}");
                if (average != null && st.AbsentModules.Count > 0)
                {
                    average.Reset(models.Generator);
                    obs.Note($"{latest} has no generator weight average (written before training.ema was set): the average starts from the current weights");
                }
            }
            else if (_options.InitFrom != null)
            {
                var source = Directory.Exists(Path.Combine(_options.InitFrom, "checkpoints")) ? new RunDirectory(_options.InitFrom).LatestCheckpoint() : _options.InitFrom;
                if (source == null) throw new WasserforgeException($"--init-from {_options.InitFrom}: that run has no checkpoint.");
                Checkpoint.Load(source, Modules(models), new Dictionary<string, optim.Optimizer>());
                obs.Note($"initialised weights from {source}");
            }
            if (average != null && latest == null) average.Reset(models.Generator);
            var published = average?.Average ?? models.Generator;   // what samples, the SWD log and export use

            var batch = t.BatchSize;
            var sampleShape = data.SampleShape;
            var perSample = (int)sampleShape.Aggregate(1L, (a, b) => a * b);
            var batchShape = new[] { (long)batch }.Concat(sampleShape).ToArray();
            var realBuffer = new float[batch * perSample];
            var fixedCount = models.IsImage ? 64 : 1024;
            var fixedLatents = SampleWriter.FixedLatents(fixedCount, models.LatentDim);

            obs.Started(_run.RunId, deviceText, DescribeData(data), step, t.Steps);
            using var metrics = new MetricsLog(_run.MetricsPath, step);
            var swdReference = heldOut ?? TrainingSetReference(data, obs);   // small sets: the stated fallback, never a dropped curve
            var swdAgainst = heldOut != null ? SwdLog.HeldOut : SwdLog.Training;
            var swd = swdReference != null ? new SwdLog(_run.SwdPath, step, swdAgainst) : null;
            var clock = Stopwatch.StartNew();
            var intervalClock = Stopwatch.StartNew();
            double sumW = 0, sumC = 0, sumGp = 0, sumG = 0, lastGp = 0;   // a lazy penalty: the last one computed
            int logged = 0;
            long imagesSinceLog = 0;
            var cancelled = false;

            while (step < t.Steps)
            {
                if (_options.Cancellation.IsCancellationRequested) { cancelled = true; break; }
                var decay = _config.Optimizer.LrDecay;
                if (decay != "none")
                {
                    LearningRateSchedule.Apply(optG, LearningRateSchedule.RateAt(decay, _config.Optimizer.LrGenerator.Value, step, t.Steps));
                    LearningRateSchedule.Apply(optC, LearningRateSchedule.RateAt(decay, _config.Optimizer.LrCritic.Value, step, t.Steps));
                }
                var criticSteps = CriticSteps(step);
                CriticNumbers critic = default;
                for (var k = 0; k < criticSteps; k++)
                {
                    data.NextBatch(ref dataRng, batch, realBuffer);
                    using var scope = NewDisposeScope();
                    critic = steps.Critic(torch.tensor(realBuffer, batchShape).to(device), read: k == criticSteps - 1, update: step * criticSteps + k);
                }
                var g = steps.Generator(batch);
                if (critic.Penalised) lastGp = critic.Penalty;
                double w = critic.Wasserstein, c = critic.Loss, gp = lastGp;
                if (!IsFinite(w) || !IsFinite(c) || !IsFinite(g) || !IsFinite(gp))
                    throw Diverged(step + 1, $"critic loss {c}, generator loss {g}, Wasserstein estimate {w}");
                step++;
                _stepsDone++;
                average?.Update(models.Generator, step);
                imagesSinceLog += (long)batch * criticSteps;
                sumW += w; sumC += c; sumGp += gp; sumG += g; logged++;

                if (step % t.LogEvery == 0 || step == t.Steps)
                {
                    var row = new MetricsRow(step, sumW / logged, sumC / logged, sumGp / logged, sumG / logged,
                        imagesSinceLog / Math.Max(1e-9, intervalClock.Elapsed.TotalSeconds), wallBefore + clock.Elapsed.TotalSeconds);
                    metrics.Append(row);
                    obs.Progress(row, t.Steps);
                    sumW = sumC = sumGp = sumG = 0; logged = 0; imagesSinceLog = 0;
                    intervalClock.Restart();
                }
                if (step % t.SampleEvery == 0 || step == t.Steps)
                {
                    RecomputeAverageNorms(average, models, device);
                    WriteSamples(published, models, fixedLatents, fixedCount, device, data, step);
                    if (swd != null) LogSwd(swd, published, models, swdReference, device, step, obs);
                }
                if (step % t.CheckpointEvery == 0 || step == t.Steps)
                {
                    EnsureFinite(models, average, step);
                    SaveCheckpoint(models, average, optG, optC, noise, dataRng, step, wallBefore + clock.Elapsed.TotalSeconds, obs);
                }
            }

            var result = new TrainResult { Run = _run, Steps = step, Cancelled = cancelled, Seconds = clock.Elapsed.TotalSeconds };
            if (cancelled)
            {
                EnsureFinite(models, average, step);
                SaveCheckpoint(models, average, optG, optC, noise, dataRng, step, wallBefore + clock.Elapsed.TotalSeconds, obs);
                return result;
            }
            RecomputeAverageNorms(average, models, device);
            GeneratorExporter.Export(published, Describe(models, step), _run.OnnxPath);
            result.OnnxPath = _run.OnnxPath;
            obs.Note($"exported {_run.OnnxPath}");
            return result;
        }
    }
}
