namespace Wasserforge
{
    /// <summary>How a <see cref="GeneratorModel"/> is loaded.</summary>
    public sealed class GeneratorOptions
    {
        /// <summary>Where to run (default <see cref="ExecutionDevice.Auto"/>).</summary>
        public ExecutionDevice Device { get; set; } = ExecutionDevice.Auto;

        /// <summary>
        /// Threads one generation uses: ONNX Runtime's intra-op threads (0: ORT's default, one per physical
        /// core), or on <see cref="ExecutionDevice.Deterministic"/> the deterministic engine's threads, the
        /// caller included (0: one per logical processor, at most 16; results never depend on it).
        /// </summary>
        public int IntraOpThreads { get; set; }

        /// <summary>GPU index for DirectML or CUDA (ignored by the other devices).</summary>
        public int DeviceId { get; set; }
    }
}
