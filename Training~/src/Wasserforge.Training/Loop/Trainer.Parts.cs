using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using Wasserforge.Contract;
using Wasserforge.Latent;
using TorchSharp;
using TorchSharp.Modules;
using Wasserforge.Training.Checkpoints;
using Wasserforge.Training.Data;
using Wasserforge.Training.Models;
using static TorchSharp.torch;

namespace Wasserforge.Training.Loop
{
    public sealed partial class Trainer
    {
        static bool IsFinite(double v) => !double.IsNaN(v) && !double.IsInfinity(v);

        TrainingDivergedException Diverged(long step, string what)
        {
            const string fix = "lower optimizer.lr, or use wgan-gp (its penalty keeps the critic Lipschitz)";
            var kept = _run.LatestCheckpoint();
            var removed = kept == null && _stepsDone == 0 && !_options.Resume;   // Run removes a fresh run's folder then
            var where = kept != null ? $"The last good checkpoint is kept in {kept}."
                : removed ? "It diverged in its first step, before any checkpoint, so nothing was kept."
                : $"No checkpoint had been written yet (training.checkpoint_every: {_config.Training.CheckpointEvery}), so --resume starts again from step 0.";
            var next = removed ? $"To retry, {fix}."
                : $"To continue, {fix} in {_run.ConfigPath} and add --resume; to start over, change your config and add --force.";
            return new TrainingDivergedException($"training diverged at step {step}: {what}. {where} {next}");
        }

        /// <summary>Before a checkpoint: the losses were finite, but the last optimizer step may still have produced NaN weights, which must never be saved.</summary>
        void EnsureFinite(GanModels m, GeneratorAverage average, long step)
        {
            using var scope = NewDisposeScope();
            foreach (var net in average != null ? new nn.Module[] { m.Generator, m.Critic, average.Average } : new nn.Module[] { m.Generator, m.Critic })
                foreach (var p in net.parameters())
                    if (!isfinite(p).all().item<bool>()) throw Diverged(step, "a weight became NaN or infinite after the last update, so no checkpoint was written for this step");
        }

        /// <summary>training.ema_batch_norm: recompute: the weight average's batch-norm statistics, gathered with its own weights.</summary>
        void RecomputeAverageNorms(GeneratorAverage average, GanModels models, Device device)
        {
            if (average != null && _config.Training.EmaBatchNorm == "recompute") average.RecomputeNorms(models.LatentDim, device);
        }

        static Dictionary<string, nn.Module> Modules(GanModels m) => new Dictionary<string, nn.Module> { ["generator"] = m.Generator, ["critic"] = m.Critic };

        /// <summary>The checkpoint module name of the generator's weight average (absent from checkpoints of runs without <c>training.ema</c>).</summary>
        internal const string AverageModule = "generator_ema";

        static Dictionary<string, nn.Module> Averaged(GeneratorAverage a) =>
            a == null ? new Dictionary<string, nn.Module>() : new Dictionary<string, nn.Module> { [AverageModule] = a.Average };

        static Dictionary<string, optim.Optimizer> Optimizers(optim.Optimizer g, optim.Optimizer c) => new Dictionary<string, optim.Optimizer> { ["opt_g"] = g, ["opt_c"] = c };

        /// <summary>
        /// The optimizer <paramref name="o"/> names (adam, rmsprop, otherwise sgd) over <paramref name="parameters"/>: TorchSharp's
        /// <c>torch.optim</c> classes, with steps that hold their Scalars (<see cref="Optimizers.HeldScalarAdam"/>).
        /// </summary>
        internal static optim.Optimizer MakeOptimizer(Config.OptimizerConfig o, IEnumerable<Parameter> parameters, double lr)
        {
            switch (o.Kind)
            {
                case "adam": return new Optimizers.HeldScalarAdam(parameters, lr, o.Beta1.Value, o.Beta2.Value);
                case "rmsprop": return new Optimizers.HeldScalarRmsProp(parameters, lr);
                default: return new Optimizers.HeldScalarSgd(parameters, lr);
            }
        }

        /// <summary>Restores the noise generator; a state this libtorch cannot take is named with the checkpoint's format.</summary>
        static void RestoreNoise(Generator noise, CheckpointState st, string folder)
        {
            if (!st.Rng.TryGetValue("noise", out var bytes)) throw new CheckpointException(Path.Combine(folder, "state.json"), "has no 'noise' generator state.");
            using var state = torch.tensor(bytes, new long[] { bytes.Length }, ScalarType.Byte);
            try { noise.set_state(state); }
            catch (Exception e) when (e is ExternalException || e is ArgumentException)
            {
                throw new CheckpointException(Path.Combine(folder, "state.json"), $"its 'noise' generator state (checkpoint format {st.Format}) does not fit libtorch {__version__}: {e.Message}", e);
            }
        }

        /// <summary>Critic steps for generator iteration <paramref name="step"/> (0-based), with wgan-clip's boosted warm-up.</summary>
        int CriticSteps(long step)
        {
            var l = _config.Loss;
            var boost = l.BoostCriticSteps ?? l.NCritic.Value;
            if (l.BoostWarmup > 0 && step < l.BoostWarmup) return boost;
            if (l.BoostEvery > 0 && step % l.BoostEvery.Value == 0) return boost;
            return l.NCritic.Value;
        }

        static string DescribeData(IDataset d) =>
            d.Count > 0 ? $"{d.Name}: {d.Count} images of {string.Join("x", d.SampleShape)}" : $"{d.Name}: 2-D points, sampled on the fly";

        GeneratorDescription Describe(GanModels m, long steps) => m.Describe(_config, steps, CreatedBy);

        void WriteSamples(TorchSharp.Modules.Sequential generator, GanModels m, float[] latents, int count, Device device, IDataset data, long step)
        {
            var output = SampleWriter.Generate(generator, latents, count, m.LatentDim, device);
            if (m.IsImage)
            {
                SampleWriter.WriteGrid(_run.SamplePath(step), output, count, (int)m.SampleShape[0], (int)m.SampleShape[2], 8);
            }
            else
            {
                var real = new float[count * 2];
                var rng = new Xoshiro256(12345);
                data.NextBatch(ref rng, count, real);
                SampleWriter.WriteScatter(_run.SamplePath(step), real, output);
            }
        }

        /// <summary>
        /// The SWD reference when nothing could be held out (<c>data.hold_out</c> leaves fewer than
        /// <see cref="Metrics.SlicedWasserstein.MinimumImages"/> images, or too few to train on): the training images,
        /// said once here and labelled <c>training</c> in swd.csv and the log. Null (also said) for sets too small even for that,
        /// and for <c>data.hold_out: 0</c> (the user asked for no held-out images: no curve, said once).
        /// </summary>
        ImageDataset TrainingSetReference(IDataset data, ITrainingObserver obs)
        {
            var crops = data as RandomCrops;   // a texture model: the training images behind its crops, measured as fixed crops
            var images = data as ImageDataset ?? crops?.Images;
            if (images == null) return null;
            var d = _config.Data;
            var min = Metrics.SlicedWasserstein.MinimumImages;
            if (d.HoldOut <= 0)
            {
                obs.Note("data.hold_out is 0: this run measures no SWD quality curve (no swd.csv); set it (0.1 holds out a tenth) for one.");
                return null;
            }
            var held = (int)(images.Count * d.HoldOut);
            var why = held < min ? $"data.hold_out {d.HoldOut.ToString(CultureInfo.InvariantCulture)} of {images.Count} images would hold out {held}, fewer than the {min} the SWD needs"
                : $"holding out {held} of {images.Count} images would leave fewer than one batch to train on";
            if (images.Count < min)
            {
                obs.Note($"{why}, and the set has only {images.Count} images: too few for an SWD quality curve, so this run writes no swd.csv.");
                return null;
            }
            obs.Note($"{why}: nothing is held out, and the quality curve (swd.csv, 'against' column, and the log) measures SWD against the training images instead. " +
                     "That also rewards memorising them; add images or raise data.hold_out for an independent curve.");
            return crops != null ? crops.FixedCrops(_config.Training.Seed + 78) : images;
        }

        /// <summary>SWD between generated images and the reference set (held out, or the training images for small sets), appended to swd.csv (the quality curve of the run).</summary>
        void LogSwd(SwdLog log, TorchSharp.Modules.Sequential generator, GanModels m, ImageDataset reference, Device device, long step, ITrainingObserver obs)
        {
            var n = Math.Min(256, reference.Count);
            var per = (int)(m.SampleShape[0] * m.SampleShape[1] * m.SampleShape[2]);
            var latents = SampleWriter.FixedLatents(n, m.LatentDim);
            var fake = SampleWriter.Generate(generator, latents, n, m.LatentDim, device);
            var real = new float[n * per];
            for (var i = 0; i < n; i++) reference.Image(i).CopyTo(real.AsSpan(i * per, per));
            var r = Metrics.SlicedWasserstein.Compute(fake, real, n, (int)m.SampleShape[0], (int)m.SampleShape[1]);
            log.Append(step, r);
            obs.Note($"step {step}: {r} (vs {n} {log.Against} images)");
        }

        void SaveCheckpoint(GanModels m, GeneratorAverage average, optim.Optimizer optG, optim.Optimizer optC, Generator noise, Xoshiro256 dataRng, long step, double wall, ITrainingObserver obs)
        {
            byte[] noiseState;
            using (var t = noise.get_state()) noiseState = t.data<byte>().ToArray();
            var state = new CheckpointState
            {
                Step = step,
                Rng = { ["noise"] = noiseState, ["data"] = Bytes(dataRng.GetState()) },
                Extra = { ["wall_time_s"] = wall.ToString("R", CultureInfo.InvariantCulture), ["loss"] = _config.Loss.Kind },
            };
            var folder = _run.CheckpointPath(step);
            var modules = Modules(m);
            foreach (var a in Averaged(average)) modules.Add(a.Key, a.Value);
            Checkpoint.Save(folder, state, modules, Optimizers(optG, optC));
            obs.Note($"checkpoint {folder}");
        }

        static byte[] Bytes(ulong[] words)
        {
            var b = new byte[words.Length * 8];
            Buffer.BlockCopy(words, 0, b, 0, b.Length);
            return b;
        }

        static ulong[] Words(byte[] bytes)
        {
            var w = new ulong[bytes.Length / 8];
            Buffer.BlockCopy(bytes, 0, w, 0, bytes.Length);
            return w;
        }
    }
}
