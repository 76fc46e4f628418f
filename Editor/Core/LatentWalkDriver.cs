using System.Diagnostics;
using Wasserforge.Latent;

namespace Wasserforge.Explorer
{
    /// <summary>Advances a seeded <see cref="LatentWalk"/> from the explorer's centre at a fixed rate (for "play walk").</summary>
    public sealed class LatentWalkDriver
    {
        readonly ExplorerState _state;
        readonly LatentWalk _walk;
        readonly Stopwatch _clock = Stopwatch.StartNew();
        readonly float[] _next;

        /// <summary>Steps per second.</summary>
        public double Rate { get; set; } = 4;

        /// <summary>Starts a walk at the current centre.</summary>
        public LatentWalkDriver(ExplorerState state, ulong seed = 7, float stepSize = 0.08f)
        {
            _state = state;
            _walk = new LatentWalk(seed, state.CentreLatent, stepSize);
            _next = new float[state.LatentDim];
        }

        /// <summary>Moves the centre one step when the rate allows; true when it moved.</summary>
        public bool Advance()
        {
            if (_clock.Elapsed.TotalSeconds < 1.0 / Rate) return false;
            _clock.Restart();
            _walk.Next(_next);
            _state.Recentre(_next, "walk");
            return true;
        }
    }
}
