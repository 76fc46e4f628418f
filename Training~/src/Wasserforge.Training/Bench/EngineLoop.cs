using System;
using TorchSharp;
using Wasserforge.Training.Engine;
using Wasserforge.Training.Loop;
using Wasserforge.Training.Losses;
using Wasserforge.Training.Models;
using static TorchSharp.torch;

namespace Wasserforge.Training.Bench
{
    /// <summary>
    /// The engine benchmark's workload: the reference pair of <see cref="EngineBenchmark.ReferenceConfig"/> built by
    /// <see cref="ModelFactory"/>, trained by <see cref="TrainingStep"/> with the config's loss and optimizers. One
    /// <see cref="Iteration"/> = n_critic critic steps (the last one reading its numbers, as the trainer does) + 1
    /// generator step (which reads its loss: synchronises a GPU).
    /// </summary>
    public sealed class EngineLoop : IDisposable
    {
        readonly GanModels _models;
        readonly optim.Optimizer _optG, _optC;
        readonly Generator _noise;
        readonly TrainingStep _steps;
        readonly Tensor _real;
        readonly int _batch, _criticSteps;

        /// <summary>Builds the pair (after <c>manual_seed(0)</c>) on <paramref name="dev"/> with a fixed "real" batch.</summary>
        public EngineLoop(Device dev)
        {
            var c = EngineBenchmark.ReferenceConfig();
            manual_seed(0);
            _models = ModelFactory.Create(c, c.Data.Channels);
            _models.Generator.to(dev);
            _models.Critic.to(dev);
            _optG = Trainer.MakeOptimizer(c.Optimizer, _models.Generator.parameters(), c.Optimizer.LrGenerator.Value);
            _optC = Trainer.MakeOptimizer(c.Optimizer, _models.Critic.parameters(), c.Optimizer.LrCritic.Value);
            _noise = new Generator(1);
            _steps = new TrainingStep(_models, GanLoss.Create(c.Loss), _optC, _optG, _noise, dev);
            _batch = c.Training.BatchSize;
            _criticSteps = c.Loss.NCritic.Value;
            using (var s = new ScalarScope())
                _real = CpuRandom.Rand(_noise, new long[] { _batch, c.Data.Channels, c.Data.Size, c.Data.Size }, dev).mul(s.Of(2)).sub(HeldScalars.One).DetachFromDisposeScope();
        }

        /// <summary>One iteration: the critic steps, then the generator step.</summary>
        public void Iteration()
        {
            for (var k = 0; k < _criticSteps; k++) _steps.Critic(_real, read: k == _criticSteps - 1);
            _steps.Generator(_batch);
        }

        /// <summary>Frees the networks, optimizers, the noise generator and the real batch.</summary>
        public void Dispose()
        {
            _optG.Dispose(); _optC.Dispose();
            _models.Dispose();
            _noise.Dispose();
            _real.Dispose();
        }
    }
}
