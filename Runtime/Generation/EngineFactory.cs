using Wasserforge.Inference;

namespace Wasserforge.Generation
{
    /// <summary>The one place that maps an <see cref="ExecutionDevice"/> to the engine that runs the model.</summary>
    internal static class EngineFactory
    {
        /// <summary>Creates the engine for <paramref name="options"/>' device; <paramref name="active"/> and <paramref name="report"/> say where it runs and why.</summary>
        /// <exception cref="WasserforgeException">The engine cannot be loaded, or an explicitly requested device is unavailable.</exception>
        /// <exception cref="Onnx.OnnxRuntimeException">ONNX Runtime refused the model.</exception>
        public static IGeneratorEngine Create(byte[] onnx, GeneratorOptions options, out ExecutionDevice active, out string report)
        {
            switch (options.Device)
            {
                // Every device so far is an ONNX Runtime execution provider (Auto picks among them).
                default:
                    return OrtEngine.Create(onnx, options, out active, out report);
            }
        }
    }
}
