using System;

namespace Wasserforge.Latent
{
    /// <summary>
    /// A seeded random walk through latent space for animations: each step adds Gaussian noise of
    /// size <see cref="StepSize"/>·√dim and rescales to the norm of the start latent, so the walk
    /// stays on the shell where the prior puts its mass. Deterministic for a seed and start.
    /// </summary>
    public sealed class LatentWalk
    {
        readonly float[] _current;
        readonly float[] _noise;
        readonly double _norm;
        ulong _stepSeed;

        /// <summary>Relative step size (0.05 moves gently).</summary>
        public float StepSize { get; }

        /// <summary>Starts a walk at <paramref name="start"/>.</summary>
        /// <exception cref="ArgumentException">The start latent is empty or zero.</exception>
        public LatentWalk(ulong seed, ReadOnlySpan<float> start, float stepSize = 0.05f)
        {
            if (start.Length == 0) throw new ArgumentException("start latent is empty.", nameof(start));
            _current = start.ToArray();
            _noise = new float[start.Length];
            _norm = LatentMath.Norm(start);
            if (_norm == 0) throw new ArgumentException("start latent is all zeros.", nameof(start));
            _stepSeed = seed;
            StepSize = stepSize;
        }

        /// <summary>The current latent.</summary>
        public ReadOnlySpan<float> Current => _current;

        /// <summary>Takes a step and writes the new latent to <paramref name="destination"/>. Allocates nothing.</summary>
        public void Next(Span<float> destination)
        {
            _stepSeed = unchecked(_stepSeed * 6364136223846793005UL + 1442695040888963407UL);
            LatentSampler.Sample(_stepSeed, _noise);
            var scale = StepSize;
            for (var i = 0; i < _current.Length; i++) _current[i] += _noise[i] * scale;
            var f = (float)(_norm / LatentMath.Norm(_current));
            for (var i = 0; i < _current.Length; i++) _current[i] *= f;
            _current.AsSpan().CopyTo(destination);
        }
    }
}
