using System;

namespace Wasserforge.Latent
{
    /// <summary>
    /// xoshiro256** (Blackman and Vigna, 2018) seeded by SplitMix64: integer-only (64-bit wrapping
    /// multiply, xor, shift, rotate), so its sequence is identical on every platform. A struct: copy it
    /// to fork a stream, pass it by <c>ref</c> to advance one.
    /// </summary>
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
