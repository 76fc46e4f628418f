using System.Linq;
using TorchSharp.Modules;
using Wasserforge.Training.Engine;
using static TorchSharp.torch;

namespace Wasserforge.Training.Models
{
    /// <summary>
    /// Recomputes the batch-norm statistics of a generator whose weights are a moving average: the running means and
    /// variances it holds were gathered by the trained weights, not by the averaged ones (SWA's <c>update_bn</c>,
    /// Izmailov et al. 2018). Runs <c>batches</c> batches of fresh latents in training mode with a cumulative average,
    /// then leaves the generator in evaluation mode.
    /// </summary>
    public static class NormRecalibration
    {
        /// <summary>Recomputes the statistics of every batch norm in <paramref name="generator"/>; returns how many it found.</summary>
        public static int Run(nn.Module<Tensor, Tensor> generator, long latentDim, Device device, int batches, int batchSize, Generator noise)
        {
            var norms = generator.modules().OfType<BatchNorm>().ToArray();
            if (norms.Length == 0) return 0;
            var momenta = norms.Select(n => n.momentum).ToArray();
            foreach (var n in norms) { n.reset_running_stats(); n.momentum = null; }
            generator.train();
            using (no_grad())
                for (var i = 0; i < batches; i++)
                {
                    using var scope = NewDisposeScope();
                    generator.forward(CpuRandom.Randn(noise, new[] { (long)batchSize, latentDim }, device));
                }
            for (var i = 0; i < norms.Length; i++) norms[i].momentum = momenta[i];
            generator.eval();
            return norms.Length;
        }
    }
}
