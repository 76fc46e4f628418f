using NUnit.Framework;
using Wasserforge.Training.Bench;

namespace Wasserforge.Training.Tests
{
    public class MemoryTests
    {
        /// <summary>
        /// The whole trainer (data, critic steps with the gradient penalty, generator steps, metrics, samples,
        /// checkpoints) keeps its resident memory flat: a tensor or native buffer leaked per step would grow
        /// it by megabytes over these 400 steps. The long run (1,000 steps) is <c>wasserforge bench memory</c>.
        /// </summary>
        [Test]
        public void TrainingStepsKeepResidentMemoryFlat()
        {
            if (MemoryBenchmark.Rss() < 0) Assert.Ignore("needs Linux /proc");
            var m = MemoryBenchmark.Run(warmup: 100, steps: 500);
            TestContext.Out.WriteLine($"RSS {m.RssAfterWarmup >> 20} MiB after {m.Warmup} steps, {m.RssAtEnd >> 20} MiB after {m.Steps} (peak {m.RssPeak >> 20} MiB)");
            Assert.That(m.RssAfterWarmup, Is.GreaterThan(0));
            Assert.That(m.Growth, Is.LessThan(0.05), $"RSS {m.RssAfterWarmup >> 20} MiB -> {m.RssAtEnd >> 20} MiB");
        }
    }
}
