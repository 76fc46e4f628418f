using System.Runtime.CompilerServices;
using Wasserforge.Deterministic;
using Wasserforge.Inference;

namespace Wasserforge.Generation
{
    /// <summary>The one place that maps an <see cref="ExecutionDevice"/> to the engine that runs the model.</summary>
    internal static class EngineFactory
    {
        /// <summary>
        /// Creates the engine for <paramref name="options"/>' device and checks the model against the
        /// contract; <paramref name="active"/> and <paramref name="report"/> say where it runs and why.
        /// </summary>
        /// <exception cref="ModelLoadException">The model breaks the contract (or, on <see cref="ExecutionDevice.Deterministic"/>, is not ONNX, is truncated or uses an operator the device does not run).</exception>
        /// <exception cref="WasserforgeException">The engine cannot be loaded, or an explicitly requested device is unavailable.</exception>
        /// <exception cref="Onnx.OnnxRuntimeException">ONNX Runtime refused the model.</exception>
        public static IGeneratorEngine Create(byte[] onnx, GeneratorOptions options, string source, out ExecutionDevice active, out string report)
        {
            switch (options.Device)
            {
                case ExecutionDevice.Deterministic:
                    return DeterministicEngine.Create(onnx, options.IntraOpThreads, source, out active, out report);
                default:
                    // Every other device is an ONNX Runtime execution provider (Auto picks among them).
                    return CreateOrt(onnx, options, source, out active, out report);
            }
        }

        /// <summary>
        /// A separate method, never inlined, so the deterministic path never makes the JIT resolve an ONNX
        /// Runtime type: that device works where ORT's assemblies or native library are missing.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        static IGeneratorEngine CreateOrt(byte[] onnx, GeneratorOptions options, string source, out ExecutionDevice active, out string report)
        {
            var engine = OrtEngine.Create(onnx, options, out active, out report);
            try
            {
                engine.Prepare(engine.Signature.Validate(source));
                return engine;
            }
            catch
            {
                engine.Dispose();
                throw;
            }
        }
    }
}
