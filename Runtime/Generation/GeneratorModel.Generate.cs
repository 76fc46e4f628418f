using System;
using System.Threading;
using System.Threading.Tasks;
using Wasserforge.Onnx;
using Wasserforge.Pixels;

namespace Wasserforge
{
    public sealed partial class GeneratorModel
    {
        [ThreadStatic] static float[] t_scratch;

        /// <summary>
        /// Generates <paramref name="count"/> samples into <paramref name="output"/>: NCHW floats in the
        /// model's value range for images, [N, D] for point generators. Allocates no managed memory.
        /// </summary>
        /// <param name="latents">count × <see cref="LatentDim"/> floats, one latent after another.</param>
        /// <param name="count">Samples to generate (≥ 1).</param>
        /// <param name="output">At least count × <see cref="ValuesPerSample"/> floats.</param>
        /// <exception cref="ArgumentException">count is not positive or a span is too short.</exception>
        /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
        /// <exception cref="OnnxRuntimeException">ONNX Runtime failed.</exception>
        public void Generate(ReadOnlySpan<float> latents, int count, Span<float> output)
        {
            CheckArguments(latents.Length, count, output.Length, ValuesPerSample, "output", "floats");
            _engine.Run(latents, count, output, CancellationToken.None);
        }

        /// <summary>
        /// Generates <paramref name="count"/> images and converts them to RGBA32 (see
        /// <see cref="PixelConverter.ToRgba32"/>). Allocates no managed memory after the first call
        /// on a thread.
        /// </summary>
        /// <param name="latents">count × <see cref="LatentDim"/> floats.</param>
        /// <param name="count">Images to generate (≥ 1).</param>
        /// <param name="rgba">At least count × Width × Height × 4 bytes.</param>
        /// <param name="bottomUp">Rows bottom-up, as Unity's Texture2D expects.</param>
        /// <exception cref="InvalidOperationException">The model generates points, not images.</exception>
        /// <exception cref="ArgumentException">count is not positive or a span is too short.</exception>
        /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
        /// <exception cref="OnnxRuntimeException">ONNX Runtime failed.</exception>
        public void GenerateRgba32(ReadOnlySpan<float> latents, int count, Span<byte> rgba, bool bottomUp = false)
        {
            if (!Description.IsImage) throw new InvalidOperationException($"{Source} generates points, not images: use Generate.");
            CheckArguments(latents.Length, count, rgba.Length, Width * Height * 4, "rgba", "bytes");
            var scratch = Scratch(count * ValuesPerSample);
            Generate(latents, count, scratch);
            PixelConverter.ToRgba32(scratch, count, Channels, Width, Height, rgba, bottomUp, Description.ValueMin, Description.ValueMax);
        }

        /// <summary>Generates on a worker thread; cancelling stops an in-flight ONNX Runtime run.</summary>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        /// <exception cref="ArgumentException">count is not positive or a buffer is too short.</exception>
        /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
        public Task GenerateAsync(ReadOnlyMemory<float> latents, int count, Memory<float> output, CancellationToken ct = default)
        {
            CheckArguments(latents.Length, count, output.Length, ValuesPerSample, "output", "floats");
            return Task.Run(() => GenerateCancellable(latents.Span, count, output.Span, ct), ct);
        }

        /// <summary>Generates RGBA32 images on a worker thread; cancelling stops an in-flight run.</summary>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        /// <exception cref="InvalidOperationException">The model generates points, not images.</exception>
        /// <exception cref="ArgumentException">count is not positive or a buffer is too short.</exception>
        /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
        public Task GenerateRgba32Async(ReadOnlyMemory<float> latents, int count, Memory<byte> rgba, bool bottomUp = false, CancellationToken ct = default)
        {
            if (!Description.IsImage) throw new InvalidOperationException($"{Source} generates points, not images: use GenerateAsync.");
            CheckArguments(latents.Length, count, rgba.Length, Width * Height * 4, "rgba", "bytes");
            return Task.Run(() =>
            {
                var floats = Scratch(count * ValuesPerSample);
                GenerateCancellable(latents.Span, count, floats, ct);
                PixelConverter.ToRgba32(floats, count, Channels, Width, Height, rgba.Span, bottomUp, Description.ValueMin, Description.ValueMax);
            }, ct);
        }

        /// <summary>This thread's float buffer of at least <paramref name="length"/> floats (grows, never shrinks).</summary>
        static float[] Scratch(int length)
        {
            var scratch = t_scratch;
            if (scratch == null || scratch.Length < length) t_scratch = scratch = new float[length];
            return scratch;
        }

        /// <summary>
        /// One run that <paramref name="ct"/> can stop while it is in flight: when it fires (also before
        /// the run starts) ORT's terminate flag stops the run, which surfaces here as
        /// <see cref="OperationCanceledException"/>.
        /// </summary>
        internal void GenerateCancellable(ReadOnlySpan<float> latents, int count, Span<float> output, CancellationToken ct)
        {
            CheckArguments(latents.Length, count, output.Length, ValuesPerSample, "output", "floats");
            _engine.Run(latents, count, output, ct);
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
