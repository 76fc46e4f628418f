using System;
using System.Threading;
using System.Threading.Tasks;
using Wasserforge.Contract;
using Wasserforge.Generation;
using Wasserforge.Onnx;

namespace Wasserforge
{
    public sealed partial class GeneratorModel
    {
        /// <summary>
        /// Generates one seamless texture of <paramref name="width"/> × <paramref name="height"/> pixels from a
        /// texture model (<see cref="IsTexture"/>): planar CHW floats in the model's value range. The global code
        /// <paramref name="z"/> picks the material (as a latent of any model: seeded, interpolated, bookmarked);
        /// <paramref name="noiseSeed"/> picks the local arrangement (layout wf-noise-1, <see cref="Latent.TextureNoise"/>).
        /// The texture tiles with itself; a larger canvas of the same seeds extends a smaller one (their top-left
        /// pixels agree away from the smaller one's wrap edge). Generated in tiles of
        /// <see cref="GeneratorOptions.TextureTileCells"/> noise cells, exactly equal to one whole-graph run, so
        /// memory stays bounded by the tile. Allocates no managed memory in steady state (same sizes as an earlier call on the thread).
        /// </summary>
        /// <param name="z"><see cref="LatentDim"/> floats, the global code.</param>
        /// <param name="noiseSeed">Seed of the local noise.</param>
        /// <param name="width">Texture width: a multiple of <see cref="NoiseScale"/>, at most <see cref="ModelContract.MaxTextureSide"/>.</param>
        /// <param name="height">Texture height: a multiple of <see cref="NoiseScale"/>, at most <see cref="ModelContract.MaxTextureSide"/>.</param>
        /// <param name="output">At least <see cref="Channels"/> × height × width floats.</param>
        /// <exception cref="InvalidOperationException">The model is not a texture model.</exception>
        /// <exception cref="ArgumentOutOfRangeException">width or height is not 1 to <see cref="ModelContract.MaxTextureSide"/> (checked before anything is allocated).</exception>
        /// <exception cref="ArgumentException">width or height is not a multiple of <see cref="NoiseScale"/> (the message names the nearest valid sizes), or a span is too short.</exception>
        /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
        /// <exception cref="OnnxRuntimeException">ONNX Runtime failed.</exception>
        public void GenerateTexture(ReadOnlySpan<float> z, ulong noiseSeed, int width, int height, Span<float> output)
        {
            CheckTexture(z.Length, width, height, output.Length, Channels, "output", "floats");
            TextureTiler.Generate(_engine, Description, _tileCells, z, 1, noiseSeed, width, height, output, default, false, CancellationToken.None);
        }

        /// <summary>
        /// Generates one seamless texture as <see cref="GenerateTexture"/> does and converts it to RGBA32 with the
        /// levels of <see cref="Pixels.PixelConverter.ToRgba32"/>, tile by tile (no texture-sized float buffer).
        /// </summary>
        /// <param name="z"><see cref="LatentDim"/> floats, the global code.</param>
        /// <param name="noiseSeed">Seed of the local noise.</param>
        /// <param name="width">Texture width: a multiple of <see cref="NoiseScale"/>, at most <see cref="ModelContract.MaxTextureSide"/>.</param>
        /// <param name="height">Texture height: a multiple of <see cref="NoiseScale"/>, at most <see cref="ModelContract.MaxTextureSide"/>.</param>
        /// <param name="rgba">At least width × height × 4 bytes.</param>
        /// <param name="bottomUp">Rows bottom-up, as Unity's Texture2D expects.</param>
        /// <exception cref="InvalidOperationException">The model is not a texture model.</exception>
        /// <exception cref="ArgumentOutOfRangeException">width or height is not 1 to <see cref="ModelContract.MaxTextureSide"/>.</exception>
        /// <exception cref="ArgumentException">width or height is not a multiple of <see cref="NoiseScale"/> (the message names the nearest valid sizes), or a span is too short.</exception>
        /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
        /// <exception cref="OnnxRuntimeException">ONNX Runtime failed.</exception>
        public void GenerateTextureRgba32(ReadOnlySpan<float> z, ulong noiseSeed, int width, int height, Span<byte> rgba, bool bottomUp = false)
        {
            CheckTexture(z.Length, width, height, rgba.Length, 4, "rgba", "bytes");
            TextureTiler.Generate(_engine, Description, _tileCells, z, 1, noiseSeed, width, height, default, rgba, bottomUp, CancellationToken.None);
        }

        /// <summary><see cref="GenerateTexture"/> on a worker thread; cancelling stops the run in flight (between tiles, and inside ONNX Runtime's run).</summary>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        /// <exception cref="InvalidOperationException">The model is not a texture model.</exception>
        /// <exception cref="ArgumentOutOfRangeException">width or height is not 1 to <see cref="ModelContract.MaxTextureSide"/>.</exception>
        /// <exception cref="ArgumentException">width or height is not a multiple of <see cref="NoiseScale"/>, or a buffer is too short.</exception>
        /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
        public Task GenerateTextureAsync(ReadOnlyMemory<float> z, ulong noiseSeed, int width, int height, Memory<float> output, CancellationToken ct = default)
        {
            CheckTexture(z.Length, width, height, output.Length, Channels, "output", "floats");
            return Task.Run(() =>
            {
                CheckTexture(z.Length, width, height, output.Length, Channels, "output", "floats");
                TextureTiler.Generate(_engine, Description, _tileCells, z.Span, 1, noiseSeed, width, height, output.Span, default, false, ct);
            }, ct);
        }

        /// <summary><see cref="GenerateTextureRgba32"/> on a worker thread; cancelling stops the run in flight.</summary>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        /// <exception cref="InvalidOperationException">The model is not a texture model.</exception>
        /// <exception cref="ArgumentOutOfRangeException">width or height is not 1 to <see cref="ModelContract.MaxTextureSide"/>.</exception>
        /// <exception cref="ArgumentException">width or height is not a multiple of <see cref="NoiseScale"/>, or a buffer is too short.</exception>
        /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
        public Task GenerateTextureRgba32Async(ReadOnlyMemory<float> z, ulong noiseSeed, int width, int height, Memory<byte> rgba, bool bottomUp = false, CancellationToken ct = default)
        {
            CheckTexture(z.Length, width, height, rgba.Length, 4, "rgba", "bytes");
            return Task.Run(() =>
            {
                CheckTexture(z.Length, width, height, rgba.Length, 4, "rgba", "bytes");
                TextureTiler.Generate(_engine, Description, _tileCells, z.Span, 1, noiseSeed, width, height, default, rgba.Span, bottomUp, ct);
            }, ct);
        }

        /// <summary>
        /// Checks a texture size against the model: whole noise cells and at most <see cref="ModelContract.MaxTextureSide"/>.
        /// </summary>
        /// <exception cref="InvalidOperationException">The model is not a texture model.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A side is not 1 to <see cref="ModelContract.MaxTextureSide"/>.</exception>
        /// <exception cref="ArgumentException">A side is not a multiple of <see cref="NoiseScale"/>; the message names the nearest valid sizes.</exception>
        public void CheckTextureSize(int width, int height)
        {
            RequireTexture();
            string name = "width", problem = SideProblem(width, name, out var outOfRange);
            var value = width;
            if (problem == null) { name = "height"; value = height; problem = SideProblem(height, name, out outOfRange); }
            if (problem == null) return;
            if (outOfRange) throw new ArgumentOutOfRangeException(name, value, problem);
            throw new ArgumentException(problem, name);
        }

        /// <summary>
        /// Why <paramref name="width"/> × <paramref name="height"/> is not a size this texture model makes (a side out
        /// of 1 to <see cref="ModelContract.MaxTextureSide"/>, or not a multiple of <see cref="NoiseScale"/>, naming
        /// the nearest valid sides), or null when it is: for settings screens and command lines.
        /// </summary>
        /// <exception cref="InvalidOperationException">The model is not a texture model.</exception>
        public string TextureSizeProblem(int width, int height)
        {
            RequireTexture();
            return SideProblem(width, "width", out _) ?? SideProblem(height, "height", out _);
        }

        void RequireTexture()
        {
            if (!IsTexture) throw new InvalidOperationException($"{Source} is not a texture model (wasserforge.kind is '{Description.Kind}'): it makes {Width} x {Height} images only; use Generate.");
        }

        string SideProblem(int side, string name, out bool outOfRange)
        {
            var max = ModelContract.MaxTextureSide;
            outOfRange = side < 1 || side > max;
            if (outOfRange) return $"{name} is {side}; texture sides are 1 to {max} pixels.";
            var s = NoiseScale;
            if (side % s == 0) return null;
            var below = side / s * s;
            var above = below + s;
            var nearest = below == 0 ? $"{above}" : above > max ? $"{below}" : $"{below} or {above}";
            return $"{name} is {side}; {Source} makes sides that are multiples of its noise scale {s} pixels: the nearest are {nearest}.";
        }

        void CheckTexture(int zLength, int width, int height, int outputLength, int perPixel, string outputName, string unit)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(GeneratorModel), $"{Source} was disposed.");
            CheckTextureSize(width, height);
            if (zLength < LatentDim) throw new ArgumentException($"z has {zLength} floats; the global code of {Source} has {LatentDim}.", "z");
            long need = (long)perPixel * width * height;
            if (outputLength < need) throw new ArgumentException($"{outputName} has {outputLength} {unit}; a {width} x {height} texture needs {need}.", outputName);
        }
    }
}
