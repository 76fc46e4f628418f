using System;
using TorchSharp;
using Wasserforge.Training.Engine;
using Wasserforge.Training.Losses;
using Wasserforge.Training.Models;
using static TorchSharp.torch;

namespace Wasserforge.Training.Loop
{
    /// <summary>The numbers one critic step reports.</summary>
    public readonly struct CriticNumbers
    {
        /// <summary>Critic loss (with the penalty).</summary>
        public readonly double Loss;
        /// <summary>E[D(real)] − E[D(fake)].</summary>
        public readonly double Wasserstein;
        /// <summary>Gradient penalty before λ (0 without one, or on an update a lazy penalty skipped).</summary>
        public readonly double Penalty;
        /// <summary>Whether this update computed a gradient penalty.</summary>
        public readonly bool Penalised;
        /// <summary>Creates the numbers.</summary>
        public CriticNumbers(double loss, double wasserstein, double penalty, bool penalised = false)
        {
            Loss = loss; Wasserstein = wasserstein; Penalty = penalty; Penalised = penalised;
        }
    }

    /// <summary>
    /// The trainer's update steps, used by <see cref="Trainer"/> and by <c>wasserforge bench engine</c>:
    /// a critic step (fakes from the generator without gradients, the loss's critic objective, one
    /// optimizer step, then the loss's post-step hook such as weight clipping) and a generator step.
    /// Each runs in its own <c>torch.NewDisposeScope()</c>, so every intermediate tensor is freed when it ends.
    /// Latents are drawn from the CPU generator <see cref="Noise"/> and moved to the device.
    /// </summary>
    public sealed class TrainingStep
    {
        readonly GanModels _models;
        readonly GanLoss _loss;
        readonly optim.Optimizer _critic, _generator;
        readonly Device _device;

        /// <summary>The CPU generator of every latent and interpolation weight.</summary>
        public Generator Noise { get; }

        /// <summary>Creates the steps for models already on <paramref name="device"/>.</summary>
        public TrainingStep(GanModels models, GanLoss loss, optim.Optimizer critic, optim.Optimizer generator, Generator noise, Device device)
        {
            _models = models; _loss = loss; _critic = critic; _generator = generator; Noise = noise; _device = device;
        }

        /// <summary>
        /// One critic update on <paramref name="real"/> (a batch on the device); <paramref name="update"/> counts the run's
        /// critic updates from 0 (for a lazy penalty). Returns the loss terms as numbers when <paramref name="read"/>
        /// (reading waits for a GPU to finish), else zeros.
        /// </summary>
        public CriticNumbers Critic(Tensor real, bool read, long update = 0)
        {
            using var scope = NewDisposeScope();
            Tensor fake;
            using (no_grad()) fake = _models.Generator.forward(Latents(real.size(0)));
            var terms = _loss.Critic(_models.Critic, real, fake, Noise, update);
            _critic.zero_grad();
            terms.Loss.backward();
            _critic.step();
            _loss.AfterCriticStep(_models.Critic);
            return read ? new CriticNumbers(Read(terms.Loss), Read(terms.Wasserstein), terms.Penalty is null ? 0 : Read(terms.Penalty), terms.Penalty is not null) : default;
        }

        /// <summary>One generator update on <paramref name="batch"/> fresh latents; returns the generator loss.</summary>
        public double Generator(int batch)
        {
            using var scope = NewDisposeScope();
            var fake = _models.Generator.forward(Latents(batch));
            var loss = _loss.Generator(_models.Critic.forward(fake));
            _generator.zero_grad();
            loss.backward();
            _generator.step();
            return Read(loss);
        }

        /// <summary>A scalar tensor's value (float32 or float64) as a double, without a Scalar left to a finalizer.</summary>
        internal static double Read(Tensor t) => t.dtype == ScalarType.Float64 ? t.item<double>() : t.item<float>();

        Tensor Latents(long batch) => CpuRandom.Randn(Noise, new[] { batch, (long)_models.LatentDim }, _device);
    }
}
