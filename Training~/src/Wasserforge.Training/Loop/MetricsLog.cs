using System;
using System.Globalization;
using System.IO;

namespace Wasserforge.Training.Loop
{
    /// <summary>One row of <c>metrics.csv</c>.</summary>
    public readonly struct MetricsRow
    {
        /// <summary>Generator iteration.</summary>
        public readonly long Step;
        /// <summary>The critic's Wasserstein estimate E[D(real)] − E[D(fake)] (for other losses, the same difference of critic means).</summary>
        public readonly double Wasserstein;
        /// <summary>Critic loss (including the penalty).</summary>
        public readonly double CriticLoss;
        /// <summary>Gradient penalty term before λ (0 when the loss has none).</summary>
        public readonly double GradientPenalty;
        /// <summary>Generator loss.</summary>
        public readonly double GeneratorLoss;
        /// <summary>Real images processed per second since the previous row.</summary>
        public readonly double ImagesPerSecond;
        /// <summary>Seconds since the run started (resumed runs continue the count).</summary>
        public readonly double WallTimeSeconds;

        /// <summary>Creates a row.</summary>
        public MetricsRow(long step, double wasserstein, double criticLoss, double gradientPenalty, double generatorLoss, double imagesPerSecond, double wallTimeSeconds)
        {
            Step = step; Wasserstein = wasserstein; CriticLoss = criticLoss; GradientPenalty = gradientPenalty;
            GeneratorLoss = generatorLoss; ImagesPerSecond = imagesPerSecond; WallTimeSeconds = wallTimeSeconds;
        }
    }

    /// <summary>Appends rows to <c>metrics.csv</c>, flushing each so a monitor can follow the run live.</summary>
    public sealed class MetricsLog : IDisposable
    {
        /// <summary>The CSV header.</summary>
        public const string Header = "step,wasserstein,critic_loss,gradient_penalty,generator_loss,images_per_s,wall_time_s";

        readonly StreamWriter _writer;

        /// <summary>Opens the log; on resume, rows after <paramref name="keepUpToStep"/> (written after the checkpoint) are dropped.</summary>
        public MetricsLog(string path, long keepUpToStep = -1)
        {
            var lines = keepUpToStep >= 0 ? StepRows.UpTo(path, keepUpToStep).rows : new System.Collections.Generic.List<string>();
            _writer = new StreamWriter(path, append: false) { AutoFlush = true, NewLine = "\n" };
            _writer.WriteLine(Header);
            foreach (var l in lines) _writer.WriteLine(l);
        }

        /// <summary>Appends one row.</summary>
        public void Append(in MetricsRow r)
        {
            var ci = CultureInfo.InvariantCulture;
            _writer.WriteLine(string.Join(",",
                r.Step.ToString(ci), r.Wasserstein.ToString("G6", ci), r.CriticLoss.ToString("G6", ci),
                r.GradientPenalty.ToString("G6", ci), r.GeneratorLoss.ToString("G6", ci),
                r.ImagesPerSecond.ToString("F1", ci), r.WallTimeSeconds.ToString("F2", ci)));
        }

        /// <summary>Closes the file.</summary>
        public void Dispose() => _writer.Dispose();
    }
}
