using System;
using System.Threading;
using Wasserforge.Contract;

namespace Wasserforge.Generation
{
    /// <summary>
    /// What runs a generator's graph for one <see cref="GeneratorModel"/>, which owns and disposes it.
    /// Made by <see cref="EngineFactory"/>, the one place that maps an <see cref="ExecutionDevice"/> to
    /// an engine, after the model passed the contract check. Engines are thread-safe; Dispose may race
    /// with runs in flight on other threads and frees native resources only after the last of them returns.
    /// </summary>
    internal interface IGeneratorEngine : IDisposable
    {
        /// <summary>The model's contract reading (latent size, image layout, value range).</summary>
        GeneratorDescription Description { get; }

        /// <summary>
        /// Runs <paramref name="count"/> latents (count × latent_dim floats) into <paramref name="output"/>
        /// (count × one sample's values). Allocates no managed memory in steady state (the same count and
        /// output buffer as an earlier call).
        /// </summary>
        /// <exception cref="OperationCanceledException"><paramref name="ct"/> fired (a run in flight is stopped).</exception>
        /// <exception cref="ObjectDisposedException">The engine was disposed.</exception>
        /// <exception cref="ArgumentException">A latent value is NaN or infinite (the deterministic engine).</exception>
        /// <exception cref="Onnx.OnnxRuntimeException">The engine failed.</exception>
        void Run(ReadOnlySpan<float> latents, int count, Span<float> output, CancellationToken ct);

        /// <summary>
        /// Runs <paramref name="count"/> images into RGBA32 bytes (count × width × height × 4), rows
        /// bottom-up when <paramref name="bottomUp"/>, with the levels of <see cref="Pixels.PixelConverter"/>.
        /// Allocates no managed memory in steady state.
        /// </summary>
        /// <exception cref="OperationCanceledException"><paramref name="ct"/> fired.</exception>
        /// <exception cref="ObjectDisposedException">The engine was disposed.</exception>
        /// <exception cref="ArgumentException">A latent value is NaN or infinite (the deterministic engine).</exception>
        /// <exception cref="Onnx.OnnxRuntimeException">The engine failed.</exception>
        void RunRgba32(ReadOnlySpan<float> latents, int count, Span<byte> rgba, bool bottomUp, CancellationToken ct);

        /// <summary>
        /// Texture models: runs the graph once on <paramref name="count"/> global codes and one window of local
        /// noise, the same for every sample (<paramref name="noise"/>: noise_channels × noiseHeight × noiseWidth
        /// floats), into <paramref name="output"/> (count × C × noiseHeight·scale × noiseWidth·scale floats).
        /// The graph pads circularly, so the window is treated as a torus. Allocates no managed memory in steady
        /// state (the same sizes and output buffer as an earlier call).
        /// </summary>
        /// <exception cref="OperationCanceledException"><paramref name="ct"/> fired (a run in flight is stopped).</exception>
        /// <exception cref="ObjectDisposedException">The engine was disposed.</exception>
        /// <exception cref="NotSupportedException">The engine does not run texture models.</exception>
        /// <exception cref="Onnx.OnnxRuntimeException">The engine failed.</exception>
        void RunNoise(ReadOnlySpan<float> latents, int count, ReadOnlySpan<float> noise, int noiseHeight, int noiseWidth, Span<float> output, CancellationToken ct);
    }
}
