using System;

namespace Wasserforge.Training.Metrics
{
    /// <summary>Mode coverage of a 2-D mixture: modes captured and share of high-quality samples.</summary>
    public readonly struct ModeCoverageResult
    {
        /// <summary>Modes with at least one high-quality sample nearest to them.</summary>
        public readonly int ModesCaptured;
        /// <summary>Total modes.</summary>
        public readonly int Modes;
        /// <summary>Share (0…1) of samples within 3 standard deviations of their nearest centre.</summary>
        public readonly double HighQualityShare;
        /// <summary>Creates a result.</summary>
        public ModeCoverageResult(int captured, int modes, double hq) { ModesCaptured = captured; Modes = modes; HighQualityShare = hq; }
        /// <inheritdoc/>
        public override string ToString() => $"{ModesCaptured}/{Modes} modes, {HighQualityShare * 100:F1}% high quality";
    }

    /// <summary>
    /// The mode-collapse metric used by VEEGAN, PacGAN and GDPP on the ring and grid mixtures: each
    /// sample belongs to its nearest centre; it is high quality when it lies within 3σ of that centre;
    /// a mode is captured when at least one high-quality sample belongs to it. Use 2,500 samples.
    /// </summary>
    public static class ModeCoverage
    {
        /// <summary>Scores <paramref name="points"/> (x, y pairs) against mixture <paramref name="centres"/> with component std <paramref name="std"/>.</summary>
        /// <exception cref="ArgumentException">No points, or an odd number of values.</exception>
        public static ModeCoverageResult Score(ReadOnlySpan<float> points, double[,] centres, double std)
        {
            if (points.Length == 0 || points.Length % 2 != 0) throw new ArgumentException("points must be (x, y) pairs.");
            var modes = centres.GetLength(0);
            var hit = new bool[modes];
            var hq = 0;
            var n = points.Length / 2;
            for (var i = 0; i < n; i++)
            {
                double x = points[2 * i], y = points[2 * i + 1];
                var best = 0;
                var bestD = double.MaxValue;
                for (var k = 0; k < modes; k++)
                {
                    var dx = x - centres[k, 0];
                    var dy = y - centres[k, 1];
                    var d = dx * dx + dy * dy;
                    if (d < bestD) { bestD = d; best = k; }
                }
                if (Math.Sqrt(bestD) <= 3 * std) { hq++; hit[best] = true; }
            }
            var captured = 0;
            foreach (var h in hit) if (h) captured++;
            return new ModeCoverageResult(captured, modes, (double)hq / n);
        }
    }
}
