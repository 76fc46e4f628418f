using System.Numerics;

namespace Wasserforge.Deterministic
{
    /// <summary>
    /// Which inner loops run: <see cref="Vector{T}"/> of int where the runtime accelerates it
    /// (CoreCLR on x64 and ARM64), plain scalar code otherwise (Unity's Mono and IL2CPP do not
    /// accelerate <see cref="Vector{T}"/>). Both compute the same exact integer sums, so the choice and
    /// the vector width change speed only, never a result; tests run both and compare.
    /// </summary>
    internal sealed class KernelChoice
    {
        /// <summary>Rows of a weight block (the micro-tile height).</summary>
        public const int BlockRows = 4;

        /// <summary>The scalar micro-tile width.</summary>
        const int ScalarPanelWidth = 4;

        /// <summary>True when the vector loops run.</summary>
        public bool Vectorized { get; }

        /// <summary>Columns of an activation panel: two vectors of int, or 4 for the scalar loops.</summary>
        public int PanelWidth { get; }

        KernelChoice(bool vectorized)
        {
            Vectorized = vectorized;
            PanelWidth = vectorized ? 2 * Vector<int>.Count : ScalarPanelWidth;
        }

        /// <summary>The vector loops where accelerated (and where a chunk holds whole vectors), else scalar.</summary>
        public static readonly KernelChoice Default =
            new KernelChoice(Vector.IsHardwareAccelerated && FixedMath.ChunkTaps % Vector<int>.Count == 0);

        /// <summary>The scalar loops (what Mono and IL2CPP run), for tests and for comparison.</summary>
        public static readonly KernelChoice Scalar = new KernelChoice(false);
    }
}
