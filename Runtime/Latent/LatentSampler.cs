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

    /// <summary>xoshiro256** (Blackman and Vigna) seeded by SplitMix64: integer-only, identical everywhere.</summary>
    public struct Xoshiro256
    {
        ulong _s0, _s1, _s2, _s3;

        /// <summary>Seeds the state with four SplitMix64 outputs.</summary>
        public Xoshiro256(ulong seed)
        {
            var x = seed;
            _s0 = SplitMix64(ref x);
            _s1 = SplitMix64(ref x);
            _s2 = SplitMix64(ref x);
            _s3 = SplitMix64(ref x);
        }

        static ulong SplitMix64(ref ulong x)
        {
            x += 0x9E3779B97F4A7C15UL;
            var z = x;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        static ulong Rotl(ulong x, int k) => (x << k) | (x >> (64 - k));

        /// <summary>The next 64 random bits.</summary>
        public ulong Next()
        {
            var result = Rotl(_s1 * 5, 7) * 9;
            var t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = Rotl(_s3, 45);
            return result;
        }

        /// <summary>The four state words (for checkpoints).</summary>
        public ulong[] GetState() => new[] { _s0, _s1, _s2, _s3 };

        /// <summary>A generator continuing from a state saved by <see cref="GetState"/>.</summary>
        /// <exception cref="ArgumentException">The state is not four words or is all zero.</exception>
        public static Xoshiro256 FromState(ulong[] state)
        {
            if (state == null || state.Length != 4 || (state[0] | state[1] | state[2] | state[3]) == 0)
                throw new ArgumentException("a xoshiro256 state is four words, not all zero.", nameof(state));
            var r = new Xoshiro256();
            r._s0 = state[0]; r._s1 = state[1]; r._s2 = state[2]; r._s3 = state[3];
            return r;
        }

        /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
        public double NextDouble() => (Next() >> 11) * (1.0 / 9007199254740992.0);
    }
}
