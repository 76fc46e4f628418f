using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using Wasserforge.Training.Engine;
using static TorchSharp.torch;

namespace Wasserforge.Training.Models
{
    /// <summary>
    /// An exponential moving average of a generator's weights (<c>training.ema</c>; Yazici et al. 2019, "The Unusual
    /// Effectiveness of Averaging in GAN Training", as in ProGAN and StyleGAN): after generator step t,
    /// <c>average ← d_t · average + (1 − d_t) · weights</c> with <c>d_t = min(decay, (1 + t) / (10 + t))</c>,
    /// the warm-up of TensorFlow's <c>ExponentialMovingAverage(num_updates)</c>, so a short run averages over
    /// its last ~t/9 steps instead of keeping its random initial weights. Batch-norm statistics (buffers) are
    /// copied, not averaged. The trainer samples, measures and exports the average.
    /// </summary>
    public sealed class GeneratorAverage : IDisposable
    {
        /// <summary>The averaged generator (same layers as the trained one).</summary>
        public Sequential Average { get; }

        /// <summary>The configured decay (the largest d_t).</summary>
        public double Decay { get; }

        /// <summary>Keeps <paramref name="average"/> (a generator shaped like the trained one, on its device) as the average.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="decay"/> is not in (0, 1).</exception>
        public GeneratorAverage(Sequential average, double decay)
        {
            if (!(decay > 0 && decay < 1)) throw new ArgumentOutOfRangeException(nameof(decay), decay, "the decay of a weight average is in (0, 1).");
            Average = average ?? throw new ArgumentNullException(nameof(average));
            Decay = decay;
        }

        /// <summary>The decay applied after generator step <paramref name="step"/> (1 for the first step).</summary>
        public static double DecayAt(double decay, long step) => Math.Min(decay, (1.0 + step) / (10.0 + step));

        /// <summary>Sets the average to <paramref name="source"/>'s weights and buffers (a fresh run, or a checkpoint without an average).</summary>
        public void Reset(Sequential source) => Blend(source, 0.0);

        /// <summary>Folds <paramref name="source"/>'s weights in after generator step <paramref name="step"/> (1-based).</summary>
        public void Update(Sequential source, long step) => Blend(source, DecayAt(Decay, step));

        void Blend(Sequential source, double keep)
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            using var scalars = new ScalarScope();
            Scalar mineWeight = scalars.Of(keep), theirWeight = scalars.Of(1 - keep);
            var mine = Average.parameters().ToList();
            var theirs = source.parameters().ToList();
            if (mine.Count != theirs.Count) throw new ArgumentException($"the generator has {theirs.Count} weight tensors, its average {mine.Count}.", nameof(source));
            for (var i = 0; i < mine.Count; i++)
            {
                if (keep == 0) mine[i].copy_(theirs[i]);
                else mine[i].mul_(mineWeight).add_(theirs[i], theirWeight);
            }
            var myBuffers = Average.buffers().ToList();
            var theirBuffers = source.buffers().ToList();
            for (var i = 0; i < myBuffers.Count; i++) myBuffers[i].copy_(theirBuffers[i]);
        }

        /// <summary>Latents per batch and batches <see cref="RecomputeNorms"/> runs (2,048 latents in all).</summary>
        public const int NormBatchSize = 64, NormBatches = 32;

        /// <summary>
        /// Gathers the average's batch-norm statistics anew with its own weights (<c>training.ema_batch_norm: recompute</c>):
        /// <see cref="NormBatches"/> batches of latents from a generator seeded the same every time, so the result depends only
        /// on the weights. <see cref="Update"/> copies the trained statistics back, so training itself is unchanged.
        /// </summary>
        public void RecomputeNorms(long latentDim, Device device) => RecomputeNorms(Average, latentDim, device);

        /// <summary><see cref="RecomputeNorms(long, Device)"/> for a generator holding averaged weights (a checkpoint's, at export).</summary>
        public static void RecomputeNorms(Sequential average, long latentDim, Device device)
        {
            using var noise = new Generator(NormSeed);
            NormRecalibration.Run(average, latentDim, device, NormBatches, NormBatchSize, noise);
        }

        /// <summary>Seed of the latents <see cref="RecomputeNorms(long, Device)"/> runs.</summary>
        public const ulong NormSeed = 20261204;

        /// <summary>Frees the averaged generator.</summary>
        public void Dispose() => Average.Dispose();
    }
}
