using System;
using Wasserforge.Latent;

namespace Wasserforge.Training.Data
{
    /// <summary>A source of training batches: images as NCHW floats in [−1, 1], or 2-D points.</summary>
    public interface IDataset
    {
        /// <summary>Display name.</summary>
        string Name { get; }
        /// <summary>Per-sample shape: [C, H, W] or [D].</summary>
        long[] SampleShape { get; }
        /// <summary>Distinct stored samples (0 for an infinite sampler such as a toy mixture).</summary>
        int Count { get; }
        /// <summary>Fills <paramref name="destination"/> with <paramref name="batchSize"/> random samples drawn with <paramref name="rng"/>.</summary>
        void NextBatch(ref Xoshiro256 rng, int batchSize, Span<float> destination);
    }

    /// <summary>Uniform and normal draws on top of <see cref="Xoshiro256"/> for data sampling (reproducible and checkpointable).</summary>
    public static class RandomExtensions
    {
        /// <summary>Uniform integer in [0, n).</summary>
        public static int NextInt(ref this Xoshiro256 rng, int n) => (int)((rng.Next() >> 33) % (ulong)n);

        /// <summary>Standard normal (Box–Muller; data noise need not be bit-identical across platforms).</summary>
        public static double NextGaussian(ref this Xoshiro256 rng)
        {
            var u1 = 1.0 - rng.NextDouble();
            var u2 = rng.NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
    }
}
