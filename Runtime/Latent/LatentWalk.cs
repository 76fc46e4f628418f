using System;

namespace Wasserforge.Latent
{
    /// <summary>
    /// A seeded random walk through latent space for animations: each step adds Gaussian noise of
    /// size <see cref="StepSize"/>·√dim and rescales to the norm of the start latent, so the walk
    /// stays on the shell where the prior puts its mass. Deterministic for a seed and start: the same
    /// bits on every platform (integer-computed IEEE arithmetic, as <see cref="LatentMath"/>).
    /// </summary>
    public sealed class LatentWalk
    {
        readonly float[] _current;
        readonly float[] _noise;
        readonly Binary64 _norm;
        ulong _stepSeed;

        /// <summary>Relative step size (0.05 moves gently).</summary>
        public float StepSize { get; }

        /// <summary>Starts a walk at <paramref name="start"/>; the same seed and start give the same walk everywhere.</summary>
        /// <exception cref="ArgumentException">The start latent is empty or zero.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="stepSize"/> is negative or not finite.</exception>
        public LatentWalk(ulong seed, ReadOnlySpan<float> start, float stepSize = 0.05f)
        {
            if (!(stepSize >= 0) || float.IsInfinity(stepSize)) throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "step size must be a finite value ≥ 0.");
            if (start.Length == 0) throw new ArgumentException("start latent is empty.", nameof(start));
            _current = start.ToArray();
            _noise = new float[start.Length];
            _norm = LatentMath.NormExact(start);
            if (_norm.IsZero) throw new ArgumentException("start latent is all zeros.", nameof(start));
            _stepSeed = seed;
            StepSize = stepSize;
        }

        /// <summary>The current latent.</summary>
        public ReadOnlySpan<float> Current => _current;

        /// <summary>
        /// Takes a step and writes the new latent to <paramref name="destination"/>. Allocates nothing.
        /// The step's noise is <see cref="LatentSampler.Sample(ulong, Span{float})"/> of the next value of a
        /// 64-bit LCG (Knuth's MMIX constants) started at the seed.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the latent.</exception>
        public void Next(Span<float> destination)
        {
            if (destination.Length < _current.Length) throw new ArgumentException($"destination has {destination.Length} floats; the latent has {_current.Length}.", nameof(destination));
            _stepSeed = unchecked(_stepSeed * 6364136223846793005UL + 1442695040888963407UL);
            LatentSampler.Sample(_stepSeed, _noise);
            var scale = StepSize;
            for (var i = 0; i < _current.Length; i++) _current[i] = Binary32.Add(_current[i], Binary32.Multiply(_noise[i], scale));
            var f = (_norm / LatentMath.NormExact(_current)).ToSingle();
            for (var i = 0; i < _current.Length; i++) _current[i] = Binary32.Multiply(_current[i], f);
            _current.AsSpan().CopyTo(destination);
        }
    }
}
