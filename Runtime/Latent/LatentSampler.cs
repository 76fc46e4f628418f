using System;

namespace Wasserforge.Latent
{
    /// <summary>
    /// Seeded standard-normal latent vectors that are bit-identical on every platform and runtime
    /// (Mono, IL2CPP, CoreCLR; x64 and ARM). Algorithm "wf-normal-1":
    /// <list type="number">
    /// <item>State: xoshiro256** seeded with four successive outputs of SplitMix64(seed).</item>
    /// <item>Uniform: u = (next() &gt;&gt; 11) · 2⁻⁵³ in [0, 1); v = 2u − 1 in [−1, 1).</item>
    /// <item>Normal: Marsaglia's polar method on pairs (v1, v2), rejecting s = v1² + v2² ∉ (0, 1);
    /// emits v1·f then v2·f with f = √(−2 ln s / s).</item>
    /// <item>ln s uses only + − × ÷ (<see cref="DeterministicMath.Log"/>) and √ is IEEE-exact, so no
    /// platform math library is involved; each value is rounded once to float32.</item>
    /// </list>
    /// Documented in Documentation~/latent-space.md; golden values are pinned by tests against an
    /// independent Python implementation.
    /// </summary>
    public static class LatentSampler
    {
        /// <summary>The algorithm's name (stored in bookmarks).</summary>
        public const string Algorithm = "wf-normal-1";

        /// <summary>Fills <paramref name="latent"/> with standard-normal values determined by <paramref name="seed"/>. Allocates nothing.</summary>
        public static void Sample(ulong seed, Span<float> latent)
        {
            var rng = new Xoshiro256(seed);
            var i = 0;
            while (i < latent.Length)
            {
                double v1, v2, s;
                do
                {
                    v1 = 2.0 * rng.NextDouble() - 1.0;
                    v2 = 2.0 * rng.NextDouble() - 1.0;
                    s = v1 * v1 + v2 * v2;
                } while (s >= 1.0 || s == 0.0);
                var f = Math.Sqrt(-2.0 * DeterministicMath.Log(s) / s);
                latent[i++] = (float)(v1 * f);
                if (i < latent.Length) latent[i++] = (float)(v2 * f);
            }
        }

        /// <summary>Fills one latent per seed: <paramref name="destination"/> holds seeds.Length × <paramref name="latentDim"/> floats.</summary>
        /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
        public static void SampleBatch(ReadOnlySpan<ulong> seeds, int latentDim, Span<float> destination)
        {
            if (destination.Length < seeds.Length * latentDim)
                throw new ArgumentException($"destination has {destination.Length} floats; {seeds.Length} latents of {latentDim} need {seeds.Length * latentDim}.", nameof(destination));
            for (var k = 0; k < seeds.Length; k++) Sample(seeds[k], destination.Slice(k * latentDim, latentDim));
        }

        /// <summary>A new latent for <paramref name="seed"/>.</summary>
        public static float[] Sample(ulong seed, int latentDim)
        {
            var z = new float[latentDim];
            Sample(seed, z);
            return z;
        }
    }
}
