using System;
using TorchSharp;

namespace Wasserforge.Training.Loop
{
    /// <summary>
    /// <c>optimizer.lr_decay</c>: the learning rate of a step. <c>linear</c> falls from the configured rate to 0 over the run,
    /// <c>rate · (1 − step / steps)</c> for the 0-based step about to be taken, as in the WGAN-GP authors' training code
    /// (Gulrajani et al. 2017); <c>none</c> keeps the configured rate. The rate depends only on the step, so a resumed run
    /// continues the same schedule.
    /// </summary>
    public static class LearningRateSchedule
    {
        /// <summary>The rate for 0-based step <paramref name="step"/> of <paramref name="steps"/>.</summary>
        /// <exception cref="ArgumentException"><paramref name="decay"/> is not <c>none</c> or <c>linear</c>.</exception>
        public static double RateAt(string decay, double rate, long step, long steps)
        {
            switch (decay)
            {
                case null:
                case "none": return rate;
                case "linear": return rate * Math.Max(0.0, 1.0 - (double)step / Math.Max(1, steps));
                default: throw new ArgumentException($"optimizer.lr_decay '{decay}' is not none or linear.", nameof(decay));
            }
        }

        /// <summary>Sets every parameter group of <paramref name="optimizer"/> to <paramref name="rate"/>.</summary>
        public static void Apply(torch.optim.Optimizer optimizer, double rate)
        {
            foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
        }
    }
}
