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

        /// <summary>
        /// Texture models: the tile side, in noise cells, that <see cref="GeneratorModel.GenerateTexture"/> runs
        /// the graph on (default 32: 256 px tiles at noise scale 8, plus the model's halo on every side). Larger
        /// tiles spend less on halos and more memory; the result never depends on it. Must be at least 1.
        /// </summary>
        public int TextureTileCells { get; set; } = 32;
    }
}
