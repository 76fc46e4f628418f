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
    /// <item>ln s uses only + − × ÷ (<see cref="DeterministicMath.Log(double)"/>) and √ is IEEE-exact, so no
    /// platform math library is involved; each value is rounded once to float32.</item>
    /// </list>
    /// Every operation is IEEE-754 binary64 arithmetic computed with integers (<see cref="Binary64"/>),
    /// so no compiler (IL2CPP's C++ compilers included) or FPU mode can change a bit; the results are
    /// those of the hardware's correctly rounded doubles.
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
            var one = Binary64.One;
            var two = Binary64.Two;
            var minusTwo = -two;
            var i = 0;
            while (i < latent.Length)
            {
                Binary64 v1, v2, s;
                do
                {
                    v1 = two * Uniform(ref rng) - one;
                    v2 = two * Uniform(ref rng) - one;
                    s = v1 * v1 + v2 * v2;
                } while (s >= one || s.IsZero);
                var f = Binary64.Sqrt(minusTwo * DeterministicMath.Log(s) / s);
                latent[i++] = (v1 * f).ToSingle();
                if (i < latent.Length) latent[i++] = (v2 * f).ToSingle();
            }
        }

        /// <summary><see cref="Xoshiro256.NextDouble"/>'s value, (next() &gt;&gt; 11)·2⁻⁵³, made exactly from the integer.</summary>
        static Binary64 Uniform(ref Xoshiro256 rng) => Binary64.Scaled(rng.Next() >> 11, -53);

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
