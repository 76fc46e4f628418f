using System;
using System.Threading;
using System.Threading.Tasks;
using Wasserforge.Generation;
using Wasserforge.Onnx;
using Wasserforge.Pixels;

namespace Wasserforge
{
    public sealed partial class GeneratorModel
    {
        /// <summary>
        /// Generates <paramref name="count"/> samples into <paramref name="output"/>: NCHW floats in the
        /// model's value range for images, [N, D] for point generators. Allocates no managed memory. On a
        /// texture model each latent is the global code of one texture at the default size (<see cref="Width"/> ×
        /// <see cref="Height"/>, the training crop) with the local noise of
        /// <see cref="Contract.ModelContract.DefaultNoiseSeed"/>; <see cref="GenerateTexture"/> makes other sizes and noise.
        /// </summary>
        /// <param name="latents">count × <see cref="LatentDim"/> floats, one latent after another.</param>
        /// <param name="count">Samples to generate (≥ 1).</param>
        /// <param name="output">At least count × <see cref="ValuesPerSample"/> floats.</param>
        /// <exception cref="ArgumentException">count is not positive, a span is too short, or (on <see cref="ExecutionDevice.Deterministic"/>) a latent value is NaN or infinite.</exception>
        /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
        /// <exception cref="OnnxRuntimeException">ONNX Runtime failed.</exception>
        public void Generate(ReadOnlySpan<float> latents, int count, Span<float> output)
        {
            CheckArguments(latents.Length, count, output.Length, ValuesPerSample, "output", "floats");
            RunSamples(latents, count, output, CancellationToken.None);
        }

        /// <summary>
        /// Generates <paramref name="count"/> images and converts them to RGBA32 (see
        /// <see cref="PixelConverter.ToRgba32"/>; on <see cref="ExecutionDevice.Deterministic"/> the same
        /// levels computed exactly from the fixed-point values, as
        /// <see cref="Deterministic.DeterministicGenerator.GenerateRgba32(ReadOnlySpan{float}, int, Span{byte}, bool)"/>
        /// does). Allocates no managed memory after the first call on a thread.
        /// </summary>
        /// <param name="latents">count × <see cref="LatentDim"/> floats.</param>
        /// <param name="count">Images to generate (≥ 1).</param>
        /// <param name="rgba">At least count × Width × Height × 4 bytes.</param>
        /// <param name="bottomUp">Rows bottom-up, as Unity's Texture2D expects.</param>
        /// <exception cref="InvalidOperationException">The model generates points, not images.</exception>
        /// <exception cref="ArgumentException">count is not positive, a span is too short, or (on <see cref="ExecutionDevice.Deterministic"/>) a latent value is NaN or infinite.</exception>
        /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
        /// <exception cref="OnnxRuntimeException">ONNX Runtime failed.</exception>
        public void GenerateRgba32(ReadOnlySpan<float> latents, int count, Span<byte> rgba, bool bottomUp = false)
        {
            if (!Description.IsImage) throw new InvalidOperationException($"{Source} generates points, not images: use Generate.");
            CheckArguments(latents.Length, count, rgba.Length, Width * Height * 4, "rgba", "bytes");
            RunSamplesRgba32(latents, count, rgba, bottomUp, CancellationToken.None);
        }

        /// <summary>
        /// Generates on a worker thread; cancelling stops an in-flight run (ONNX Runtime's terminate flag;
        /// the deterministic device checks the token before each layer).
        /// </summary>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        /// <exception cref="ArgumentException">count is not positive, a buffer is too short, or (on <see cref="ExecutionDevice.Deterministic"/>) a latent value is NaN or infinite.</exception>
        /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
        public Task GenerateAsync(ReadOnlyMemory<float> latents, int count, Memory<float> output, CancellationToken ct = default)
        {
            CheckArguments(latents.Length, count, output.Length, ValuesPerSample, "output", "floats");
            return Task.Run(() => GenerateCancellable(latents.Span, count, output.Span, ct), ct);
        }

        /// <summary>Generates RGBA32 images on a worker thread (levels as <see cref="GenerateRgba32"/>); cancelling stops an in-flight run.</summary>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        /// <exception cref="InvalidOperationException">The model generates points, not images.</exception>
        /// <exception cref="ArgumentException">count is not positive, a buffer is too short, or (on <see cref="ExecutionDevice.Deterministic"/>) a latent value is NaN or infinite.</exception>
        /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
        public Task GenerateRgba32Async(ReadOnlyMemory<float> latents, int count, Memory<byte> rgba, bool bottomUp = false, CancellationToken ct = default)
        {
            if (!Description.IsImage) throw new InvalidOperationException($"{Source} generates points, not images: use GenerateAsync.");
            CheckArguments(latents.Length, count, rgba.Length, Width * Height * 4, "rgba", "bytes");
            return Task.Run(() =>
            {
                CheckArguments(latents.Length, count, rgba.Length, Width * Height * 4, "rgba", "bytes");
                RunSamplesRgba32(latents.Span, count, rgba.Span, bottomUp, ct);
            }, ct);
        }

        /// <summary>
        /// One run that <paramref name="ct"/> can stop while it is in flight: when it fires (also before
        /// the run starts) ORT's terminate flag stops the run, or the deterministic device stops before
        /// its next layer, which surfaces here as <see cref="OperationCanceledException"/>.
        /// </summary>
        internal void GenerateCancellable(ReadOnlySpan<float> latents, int count, Span<float> output, CancellationToken ct)
        {
            CheckArguments(latents.Length, count, output.Length, ValuesPerSample, "output", "floats");
            RunSamples(latents, count, output, ct);
        }

        /// <summary>
        /// Runs count samples; a texture model makes them at its default size (<see cref="Width"/> × <see cref="Height"/>)
        /// with the noise of <see cref="Contract.ModelContract.DefaultNoiseSeed"/>, so every latent tool works on its global code.
        /// </summary>
        void RunSamples(ReadOnlySpan<float> latents, int count, Span<float> output, CancellationToken ct)
        {
            if (IsTexture) TextureTiler.Generate(_engine, Description, _tileCells, latents, count, Contract.ModelContract.DefaultNoiseSeed, Width, Height, output, default, false, ct);
            else _engine.Run(latents, count, output, ct);
        }

        void RunSamplesRgba32(ReadOnlySpan<float> latents, int count, Span<byte> rgba, bool bottomUp, CancellationToken ct)
        {
            if (IsTexture) TextureTiler.Generate(_engine, Description, _tileCells, latents, count, Contract.ModelContract.DefaultNoiseSeed, Width, Height, default, rgba, bottomUp, ct);
            else _engine.RunRgba32(latents, count, rgba, bottomUp, ct);
        }

        void CheckArguments(int latentLength, int count, int outputLength, int perSample, string outputName, string unit)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(GeneratorModel), $"{Source} was disposed.");
            if (count <= 0) throw new ArgumentException($"count is {count}; it must be at least 1.", nameof(count));
            long needZ = (long)count * LatentDim;
            if (latentLength < needZ) throw new ArgumentException($"latents has {latentLength} floats; {count} samples of latent_dim {LatentDim} need {needZ}.", "latents");
            long needOut = (long)count * perSample;
            if (outputLength < needOut) throw new ArgumentException($"{outputName} has {outputLength} {unit}; {count} samples need {needOut}.", outputName);
        }
    }
}
