namespace Wasserforge.Studio.Hosting
{
    /// <summary>What <see cref="StudioServer"/> serves.</summary>
    public sealed class StudioOptions
    {
        /// <summary>Generator to explore (may be null in monitor mode, or broken: the page then shows why).</summary>
        public string ModelPath { get; set; }
        /// <summary>Training run folder (<c>results/&lt;ID&gt;</c>) for the monitor, or null.</summary>
        public string RunDirectory { get; set; }
        /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
        public int Port { get; set; }
        /// <summary>Explorer grid columns.</summary>
        public int Columns { get; set; } = 5;
        /// <summary>Explorer grid rows.</summary>
        public int Rows { get; set; } = 5;
    }
}
