namespace Wasserforge.Deterministic
{
    /// <summary>How a <see cref="DeterministicGenerator"/> runs.</summary>
    public sealed class DeterministicOptions
    {
        /// <summary>
        /// Threads one generation uses, the calling thread included (0: one per logical processor, at
        /// most 16). Results never depend on it. Use 1 where threads are not available (WebGL).
        /// </summary>
        public int Threads { get; set; }
    }
}
