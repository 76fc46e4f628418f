using System;
using System.Threading;

namespace Wasserforge.Generation
{
    /// <summary>
    /// What runs a generator's graph for one <see cref="GeneratorModel"/>, which owns and disposes it.
    /// Made by <see cref="EngineFactory"/>, the one place that maps an <see cref="ExecutionDevice"/> to
    /// an engine. Engines are thread-safe; Dispose may race with runs in flight on other threads and
    /// frees native resources only after the last of them returns.
    /// </summary>
    internal interface IGeneratorEngine : IDisposable
    {
        /// <summary>The model's inputs, outputs and metadata as the engine read them.</summary>
        ModelSignature Signature { get; }

        /// <summary>Called once after the contract check, with the latent length and one sample's output shape (without the batch dimension).</summary>
        void Prepare(int latentDim, long[] sampleShape);

        /// <summary>
        /// Runs <paramref name="count"/> latents (count × latent_dim floats) into <paramref name="output"/>
        /// (count × one sample's values). Allocates no managed memory in steady state (the same count and
        /// output buffer as an earlier call).
        /// </summary>
        /// <exception cref="OperationCanceledException"><paramref name="ct"/> fired (a run in flight is stopped).</exception>
        /// <exception cref="ObjectDisposedException">The engine was disposed.</exception>
        /// <exception cref="Onnx.OnnxRuntimeException">The engine failed.</exception>
        void Run(ReadOnlySpan<float> latents, int count, Span<float> output, CancellationToken ct);
    }
}
