using System;
using System.Threading;
using Wasserforge.Contract;
using Wasserforge.Generation;

namespace Wasserforge.Deterministic
{
    /// <summary>
    /// <see cref="ExecutionDevice.Deterministic"/> behind <see cref="IGeneratorEngine"/>: a
    /// <see cref="DeterministicGenerator"/> (which reads the file and checks the contract itself) that
    /// <see cref="GeneratorModel"/> forwards to. Touches no ONNX Runtime type.
    /// </summary>
    internal sealed class DeterministicEngine : IGeneratorEngine
    {
        readonly DeterministicGenerator _generator;

        DeterministicEngine(DeterministicGenerator generator) => _generator = generator;

        /// <summary>Loads the generator with <paramref name="threads"/> threads (0: one per logical processor, at most 16).</summary>
        /// <exception cref="ModelLoadException">The bytes are not ONNX, truncated, break the contract, or use an operator or attribute the device does not run.</exception>
        public static DeterministicEngine Create(byte[] onnx, int threads, string source, out ExecutionDevice active, out string report)
        {
            var generator = DeterministicGenerator.Load(onnx, new DeterministicOptions { Threads = threads }, source);
            active = ExecutionDevice.Deterministic;
            report = $"Deterministic active ({DeterministicGenerator.Algorithm}, {generator.Threads} thread{(generator.Threads == 1 ? "" : "s")})";
            return new DeterministicEngine(generator);
        }

        /// <inheritdoc/>
        public GeneratorDescription Description => _generator.Description;

        /// <inheritdoc/>
        public void Run(ReadOnlySpan<float> latents, int count, Span<float> output, CancellationToken ct) =>
            _generator.Generate(latents, count, output, ct);

        /// <inheritdoc/>
        public void RunRgba32(ReadOnlySpan<float> latents, int count, Span<byte> rgba, bool bottomUp, CancellationToken ct) =>
            _generator.GenerateRgba32(latents, count, rgba, bottomUp, ct);

        /// <inheritdoc/>
        /// <remarks>Never reached: texture models are refused at load (<see cref="GraphCompiler"/>).</remarks>
        public void RunNoise(ReadOnlySpan<float> latents, int count, ReadOnlySpan<float> noise, int noiseHeight, int noiseWidth, Span<float> output, CancellationToken ct) =>
            throw new NotSupportedException("The deterministic device does not run texture models.");

        /// <summary>Stops the worker threads once a run in progress returns.</summary>
        public void Dispose() => _generator.Dispose();
    }
}
