namespace Wasserforge
{
    /// <summary>How a <see cref="GeneratorModel"/> is loaded.</summary>
    public sealed class GeneratorOptions
    {
        /// <summary>Where to run (default <see cref="ExecutionDevice.Auto"/>).</summary>
        public ExecutionDevice Device { get; set; } = ExecutionDevice.Auto;

        /// <summary>Threads ONNX Runtime uses inside one generation (0: ORT's default, one per physical core).</summary>
        public int IntraOpThreads { get; set; }

        /// <summary>GPU index for DirectML or CUDA.</summary>
        public int DeviceId { get; set; }
    }
}
