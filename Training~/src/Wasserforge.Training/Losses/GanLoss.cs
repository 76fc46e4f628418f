using System;
using TorchSharp;
using Wasserforge.Training.Config;
using Wasserforge.Training.Engine;
using static TorchSharp.torch;

namespace Wasserforge.Training.Losses
{
    /// <summary>The critic's side of one step: the loss to minimise and the numbers users watch.</summary>
    public readonly struct CriticTerms
    {
        /// <summary>Loss to back-propagate (includes the penalty).</summary>
        public readonly Tensor Loss;
        /// <summary>E[D(real)] − E[D(fake)]: the Wasserstein estimate for WGAN losses.</summary>
        public readonly Tensor Wasserstein;
        /// <summary>Gradient penalty before λ (null without one).</summary>
        public readonly Tensor Penalty;

        /// <summary>Creates the terms.</summary>
        public CriticTerms(Tensor loss, Tensor wasserstein, Tensor penalty) { Loss = loss; Wasserstein = wasserstein; Penalty = penalty; }
    }

    /// <summary>
    /// A GAN objective. <see cref="Create"/> knows <c>wgan-gp</c> (critic E[D(fake)] − E[D(real)] + λ·E[(‖∇D(x̂)‖₂ − 1)²] on random
    /// interpolates x̂ of real and fake), <c>wgan-clip</c> (the same without the penalty; weights clamped after each critic
    /// step), <c>lsgan</c> (least squares, targets 1 and 0), <c>nsgan</c> (non-saturating standard GAN with logits) and
    /// <c>hinge</c>.
    /// </summary>
    public abstract class GanLoss
    {
        /// <summary>The loss's name.</summary>
        public abstract string Name { get; }

        /// <summary>
        /// Critic loss for a real and a (detached) fake batch; random numbers come from <paramref name="noise"/> (a CPU
        /// generator). <paramref name="update"/> counts the run's critic updates from 0 (a lazy penalty is due on every
        /// <c>loss.gp_every</c>th).
        /// </summary>
        public abstract CriticTerms Critic(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor fake, Generator noise, long update = 0);

        /// <summary>Generator loss given the critic's scores of fakes.</summary>
        public abstract Tensor Generator(Tensor fakeScores);

        /// <summary>Called after each critic optimizer step (weight clipping).</summary>
        public virtual void AfterCriticStep(nn.Module<Tensor, Tensor> critic) { }

        /// <summary>The loss named in the config.</summary>
        /// <exception cref="ArgumentException">Unknown name.</exception>
        public static GanLoss Create(LossConfig c)
        {
            switch (c.Kind)
            {
                case "wgan-gp": return new WganGp(c.GpLambda ?? 10, c.GpEvery ?? 1);
                case "wgan-clip": return new WganClip(c.Clip ?? 0.01);
                case "lsgan": return new LsGan();
                case "nsgan": return new NsGan();
                case "hinge": return new Hinge();
                default: throw new ArgumentException($"unknown loss '{c.Kind}'.");
            }
        }

        /// <summary>D(real) and D(fake) means, and their difference.</summary>
        protected static (Tensor real, Tensor fake, Tensor w) Scores(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor fake)
        {
            var dr = critic.forward(real);
            var df = critic.forward(fake);
            return (dr, df, dr.mean() - df.mean());
        }
    }

    /// <summary>
    /// WGAN-GP. With <c>loss.gp_every</c> N &gt; 1 the penalty is lazy, as StyleGAN2's regularisers (Karras et al. 2020,
    /// "Analyzing and Improving the Image Quality of StyleGAN"): computed on every Nth critic update only, weighted N·λ so its
    /// average pull is unchanged; the other updates skip the third critic pass and the double backward.
    /// </summary>
    sealed class WganGp : GanLoss
    {
        readonly double _lambda;
        readonly int _every;
        public WganGp(double lambda, int every)
        {
            if (every < 1) throw new ArgumentOutOfRangeException(nameof(every), every, "the penalty is due every 1 or more critic updates.");
            _lambda = lambda; _every = every;
        }
        public override string Name => "wgan-gp";

        public override CriticTerms Critic(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor fake, Generator noise, long update = 0)
        {
            var (dr, df, w) = Scores(critic, real, fake);
            var distance = df.mean() - dr.mean();
            if (update % _every != 0) return new CriticTerms(distance, w, null);
            var n = real.size(0);
            var alphaShape = new long[real.dim()];
            alphaShape[0] = n;
            for (var i = 1; i < alphaShape.Length; i++) alphaShape[i] = 1;
            var alpha = CpuRandom.Rand(noise, alphaShape, real.device, real.dtype);
            var x = (real * alpha).Plus(fake * alpha.negative().Plus(HeldScalars.One)).detach().requires_grad_();
            var d = critic.forward(x);
            // create_graph: the penalty's own gradient reaches the critic's weights (double backward);
            // retain_graph must be asked for too (TorchSharp's default is false even with create_graph).
            var g = autograd.grad(new[] { d.sum() }, new[] { x }, create_graph: true, retain_graph: true)[0];
            var penalty = g.reshape(n, -1).norm(1).sub(HeldScalars.One).Square().mean();
            using var weight = (_lambda * _every).ToScalar();
            return new CriticTerms(distance.Plus(penalty.mul(weight)), w, penalty);
        }

        public override Tensor Generator(Tensor fakeScores) => -fakeScores.mean();
    }

    sealed class WganClip : GanLoss
    {
        readonly double _clip;
        public WganClip(double clip) { _clip = clip; }
        public override string Name => "wgan-clip";

        public override CriticTerms Critic(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor fake, Generator noise, long update = 0)
        {
            var (dr, df, w) = Scores(critic, real, fake);
            return new CriticTerms(df.mean() - dr.mean(), w, null);
        }

        public override Tensor Generator(Tensor fakeScores) => -fakeScores.mean();

        public override void AfterCriticStep(nn.Module<Tensor, Tensor> critic)
        {
            using var bounds = new ScalarScope();
            Scalar low = bounds.Of(-_clip), high = bounds.Of(_clip);
            using (no_grad())
                foreach (var p in critic.parameters()) p.clamp_(low, high);
        }
    }

    sealed class LsGan : GanLoss
    {
        public override string Name => "lsgan";
        public override CriticTerms Critic(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor fake, Generator noise, long update = 0)
        {
            var (dr, df, w) = Scores(critic, real, fake);
            return new CriticTerms(dr.sub(HeldScalars.One).Square().mean().Plus(df.Square().mean()).mul(HeldScalars.Half), w, null);
        }
        public override Tensor Generator(Tensor fakeScores) => fakeScores.sub(HeldScalars.One).Square().mean().mul(HeldScalars.Half);
    }

    sealed class NsGan : GanLoss
    {
        public override string Name => "nsgan";
        // BCE with logits: −log σ(D(real)) − log(1 − σ(D(fake))) = softplus(−D(real)) + softplus(D(fake)).
        public override CriticTerms Critic(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor fake, Generator noise, long update = 0)
        {
            var (dr, df, w) = Scores(critic, real, fake);
            return new CriticTerms(HeldScalars.Softplus(dr.negative()).mean().Plus(HeldScalars.Softplus(df).mean()), w, null);
        }
        public override Tensor Generator(Tensor fakeScores) => HeldScalars.Softplus(fakeScores.negative()).mean();
    }

    sealed class Hinge : GanLoss
    {
        public override string Name => "hinge";
        public override CriticTerms Critic(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor fake, Generator noise, long update = 0)
        {
            var (dr, df, w) = Scores(critic, real, fake);
            return new CriticTerms(dr.negative().Plus(HeldScalars.One).relu().mean().Plus(df.Plus(HeldScalars.One).relu().mean()), w, null);
        }
        public override Tensor Generator(Tensor fakeScores) => -fakeScores.mean();
    }
}
