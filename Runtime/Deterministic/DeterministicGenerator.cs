using System;
using System.IO;
using System.Threading;
using Wasserforge.Contract;
using Wasserforge.Deterministic.Onnx;

namespace Wasserforge.Deterministic
{
    /// <summary>
    /// Runs a Wasserforge generator with integer arithmetic only, so the same latents give the same
    /// output bits on every CPU (x64 with or without SSE/AVX2/AVX-512, ARM64), runtime (CoreCLR, Mono,
    /// IL2CPP) and thread count. Reads the ONNX file itself, checks the model contract and runs exactly
    /// the operators the trainer's exporter writes, refusing anything else with a
    /// <see cref="ModelLoadException"/> (<see cref="ModelLoadError.UnsupportedOperator"/>) that names it.
    /// Values are fixed point (see Documentation~/deterministic.md), so they differ slightly from ONNX
    /// Runtime's float results. Thread-safe: calls from several threads run one after another.
    /// Steady-state generation allocates nothing. Dispose it to stop its worker threads.
    /// </summary>
    public sealed class DeterministicGenerator : IDisposable
    {
        /// <summary>
        /// Name of the arithmetic. Outputs are bit-identical between builds with the same algorithm name;
        /// a change that alters any output bit gets a new name (and new golden hashes in the tests).
        /// </summary>
        public const string Algorithm = "wf-fixed-1";

        readonly Operation[] _steps;
        readonly FixedTensor[] _slots;
        readonly int _outputSlot;
        readonly WorkerPool _pool;
        readonly ExecutionState _state;
        readonly LevelTable _levels;
        readonly object _runLock = new object();
        volatile bool _disposed;

        /// <summary>What the model says about itself (latent size, image layout, training facts).</summary>
        public GeneratorDescription Description { get; }
        /// <summary>Length of one latent vector.</summary>
        public int LatentDim => Description.LatentDim;
        /// <summary>Image width (0 for point generators).</summary>
        public int Width => Description.Width;
        /// <summary>Image height (0 for point generators).</summary>
        public int Height => Description.Height;
        /// <summary>Image channels (1, 3 or 4), or the vector length of a point generator.</summary>
        public int Channels => Description.Channels;
        /// <summary>Floats per generated sample: C·H·W for images.</summary>
        public int ValuesPerSample => Description.ValuesPerSample;
        /// <summary>Where the model came from (file path, or the name given for bytes).</summary>
        public string Source { get; }
        /// <summary>Threads a generation uses, the caller included.</summary>
        public int Threads => _pool.Threads;

        DeterministicGenerator(GraphCompiler.Result compiled, string source, int threads, KernelChoice kernels, long minParallelWork)
        {
            Description = compiled.Description;
            Source = source;
            _steps = compiled.Steps;
            _outputSlot = compiled.OutputSlot;
            _slots = new FixedTensor[compiled.Shapes.Length];
            for (var i = 0; i < _slots.Length; i++) _slots[i] = new FixedTensor(compiled.Shapes[i]);
            _levels = Description.IsImage ? new LevelTable(Description.ValueMin, Description.ValueMax) : null;
            _pool = new WorkerPool(threads, minParallelWork);
            _state = new ExecutionState(_slots, _pool, kernels);
        }

        /// <summary>Loads a generator ONNX file.</summary>
        /// <param name="path">The .onnx file.</param>
        /// <param name="options">Threads (null: defaults).</param>
        /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or the options hold a negative thread count.</exception>
        /// <exception cref="ModelLoadException">The file is missing, not ONNX, truncated, breaks the model contract, or uses an operator or attribute the device does not run; the message names the file and the problem.</exception>
        public static DeterministicGenerator Load(string path, DeterministicOptions options = null)
        {
            if (string.IsNullOrEmpty(path)) throw new ArgumentException("path is empty.", nameof(path));
            if (Directory.Exists(path)) throw new ModelLoadException(path, ModelLoadError.NotAFile, "is a folder, not a model file.");
            if (!File.Exists(path)) throw new ModelLoadException(path, ModelLoadError.NotAFile, "file not found.");
            byte[] bytes;
            try { bytes = File.ReadAllBytes(path); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new ModelLoadException(path, ModelLoadError.NotAFile, "cannot be read: " + e.Message, e);
            }
            return Load(bytes, options, path);
        }

        /// <summary>Loads a generator from ONNX bytes (e.g. a Unity asset).</summary>
        /// <param name="onnx">The model file's bytes.</param>
        /// <param name="options">Threads (null: defaults).</param>
        /// <param name="sourceName">Name used in error messages (null: &lt;memory&gt;).</param>
        /// <exception cref="ArgumentNullException"><paramref name="onnx"/> is null.</exception>
        /// <exception cref="ArgumentException">The options hold a negative thread count.</exception>
        /// <exception cref="ModelLoadException">The bytes are not ONNX, truncated, break the model contract, or use an operator or attribute the device does not run.</exception>
        public static DeterministicGenerator Load(byte[] onnx, DeterministicOptions options = null, string sourceName = null) =>
            Load(onnx, options, sourceName, KernelChoice.Default, true);

        /// <summary>The full form, for tests: kernels, folding, and the smallest job split over threads (0: every job).</summary>
        internal static DeterministicGenerator Load(byte[] onnx, DeterministicOptions options, string sourceName, KernelChoice kernels, bool fuse,
                                                    long minParallelWork = WorkerPool.MinParallelWork)
        {
            if (onnx == null) throw new ArgumentNullException(nameof(onnx));
            var threads = options?.Threads ?? 0;
            if (threads < 0) throw new ArgumentException($"Threads is {threads}; use 0 for one per processor or a positive count.", nameof(options));
            if (threads == 0) threads = Math.Min(16, Math.Max(1, Environment.ProcessorCount));
            var model = OnnxModelReader.Read(onnx, sourceName);
            var compiled = GraphCompiler.Compile(model, sourceName, fuse);
            return new DeterministicGenerator(compiled, sourceName ?? "<memory>", threads, kernels, minParallelWork);
        }

        /// <summary>
        /// Generates <paramref name="count"/> samples into <paramref name="output"/>: NCHW floats in the
        /// model's value range for images, [N, D] for point generators. Each float is the device's exact
        /// fixed-point result. Allocates no managed memory once a batch of this size has run.
        /// </summary>
        /// <param name="latents">count × <see cref="LatentDim"/> finite floats, one latent after another.</param>
        /// <param name="count">Samples to generate (≥ 1).</param>
        /// <param name="output">At least count × <see cref="ValuesPerSample"/> floats.</param>
        /// <exception cref="ArgumentException">count is not positive, a span is too short, or a latent value is NaN or infinite.</exception>
        /// <exception cref="ObjectDisposedException">The generator was disposed.</exception>
        public void Generate(ReadOnlySpan<float> latents, int count, Span<float> output) => Generate(latents, count, output, CancellationToken.None);

        /// <summary>Like <see cref="Generate(ReadOnlySpan{float}, int, Span{float})"/>; <paramref name="cancellation"/> is checked before each layer.</summary>
        /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled (the output is then incomplete).</exception>
        /// <exception cref="ArgumentException">count is not positive, a span is too short, or a latent value is NaN or infinite.</exception>
        /// <exception cref="ObjectDisposedException">The generator was disposed.</exception>
        public void Generate(ReadOnlySpan<float> latents, int count, Span<float> output, CancellationToken cancellation)
        {
            CheckArguments(latents.Length, count, output.Length, ValuesPerSample, "output", "floats");
            lock (_runLock)
            {
                var result = Run(latents, count, cancellation);
                var size = result.Shape.Size;
                for (var n = 0; n < count; n++)
                {
                    var f = result.Exponents[n];
                    for (var i = 0; i < size; i++) output[n * size + i] = FixedMath.ToFloat(result.Data[n * size + i], f);
                }
            }
        }

        /// <summary>
        /// Generates <paramref name="count"/> images as RGBA32 bytes (R, G, B, A per pixel, rows top-down
        /// unless <paramref name="bottomUp"/>). Levels are ⌊(v − min)/(max − min)·255 + ½⌋ clamped to 0…255,
        /// computed exactly from the fixed-point values; one channel is replicated to R, G and B, alpha
        /// is 255 unless the model has 4 channels. Allocates no managed memory once a batch of this size has run.
        /// </summary>
        /// <param name="latents">count × <see cref="LatentDim"/> finite floats.</param>
        /// <param name="count">Images to generate (≥ 1).</param>
        /// <param name="rgba">At least count × Width × Height × 4 bytes.</param>
        /// <param name="bottomUp">Rows bottom-up, as Unity's Texture2D expects.</param>
        /// <exception cref="InvalidOperationException">The model generates points, not images.</exception>
        /// <exception cref="ArgumentException">count is not positive, a span is too short, or a latent value is NaN or infinite.</exception>
        /// <exception cref="ObjectDisposedException">The generator was disposed.</exception>
        public void GenerateRgba32(ReadOnlySpan<float> latents, int count, Span<byte> rgba, bool bottomUp = false) =>
            GenerateRgba32(latents, count, rgba, bottomUp, CancellationToken.None);

        /// <summary>Like <see cref="GenerateRgba32(ReadOnlySpan{float}, int, Span{byte}, bool)"/>; <paramref name="cancellation"/> is checked before each layer.</summary>
        /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled (the pixels are then incomplete).</exception>
        /// <exception cref="InvalidOperationException">The model generates points, not images.</exception>
        /// <exception cref="ArgumentException">count is not positive, a span is too short, or a latent value is NaN or infinite.</exception>
        /// <exception cref="ObjectDisposedException">The generator was disposed.</exception>
        public void GenerateRgba32(ReadOnlySpan<float> latents, int count, Span<byte> rgba, bool bottomUp, CancellationToken cancellation)
        {
            if (!Description.IsImage) throw new InvalidOperationException($"{Source} generates points, not images: use Generate.");
            CheckArguments(latents.Length, count, rgba.Length, Width * Height * 4, "rgba", "bytes");
            lock (_runLock)
            {
                var result = Run(latents, count, cancellation);
                int w = Width, h = Height, c = Channels, plane = w * h;
                for (var n = 0; n < count; n++)
                {
                    var table = _levels.For(result.Exponents[n]);
                    var src = n * c * plane;
                    for (var y = 0; y < h; y++)
                    {
                        var row = n * plane * 4 + (bottomUp ? h - 1 - y : y) * w * 4;
                        for (var x = 0; x < w; x++)
                        {
                            var p = src + y * w + x;
                            var d = row + x * 4;
                            var r = table[result.Data[p] + FixedMath.ActivationLimit];
                            if (c == 1) { rgba[d] = r; rgba[d + 1] = r; rgba[d + 2] = r; rgba[d + 3] = 255; continue; }
                            rgba[d] = r;
                            rgba[d + 1] = table[result.Data[p + plane] + FixedMath.ActivationLimit];
                            rgba[d + 2] = table[result.Data[p + 2 * plane] + FixedMath.ActivationLimit];
                            rgba[d + 3] = c == 4 ? table[result.Data[p + 3 * plane] + FixedMath.ActivationLimit] : (byte)255;
                        }
                    }
                }
            }
        }

        /// <summary>Runs the steps; the result tensor is valid until the next call (the caller holds the lock).</summary>
        internal FixedTensor Run(ReadOnlySpan<float> latents, int count, CancellationToken cancellation)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(DeterministicGenerator), $"{Source} was disposed.");
            var input = _slots[0];
            input.Resize(count);
            QuantizeLatents(latents, count, input);
            _state.Count = count;
            foreach (var step in _steps)
            {
                cancellation.ThrowIfCancellationRequested();
                _slots[step.Output].Resize(count);
                step.Run(_state);
            }
            return _slots[_outputSlot];
        }

        /// <summary>Each latent at the exponent that gives its largest magnitude 2^ActivationBits, rounded exactly from the floats' bits.</summary>
        static void QuantizeLatents(ReadOnlySpan<float> latents, int count, FixedTensor input)
        {
            var dim = input.Shape.Size;
            for (var n = 0; n < count; n++)
            {
                var r = int.MinValue;
                for (var i = 0; i < dim; i++)
                {
                    var v = latents[n * dim + i];
                    if (float.IsNaN(v) || float.IsInfinity(v)) throw new ArgumentException($"latent {n} holds {v} at index {i}; latents must be finite.", nameof(latents));
                    r = Math.Max(r, FixedMath.MagnitudeExponent(v));
                }
                var f = FixedMath.ExponentFor(r);
                input.Exponents[n] = f;
                for (var i = 0; i < dim; i++) input.Data[n * dim + i] = (int)FixedMath.Quantize(latents[n * dim + i], f);
            }
        }

        void CheckArguments(int latentLength, int count, int outputLength, int perSample, string outputName, string unit)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(DeterministicGenerator), $"{Source} was disposed.");
            if (count <= 0) throw new ArgumentException($"count is {count}; it must be at least 1.", nameof(count));
            long needZ = (long)count * LatentDim;
            if (latentLength < needZ) throw new ArgumentException($"latents has {latentLength} floats; {count} samples of latent_dim {LatentDim} need {needZ}.", "latents");
            long needOut = (long)count * perSample;
            if (outputLength < needOut) throw new ArgumentException($"{outputName} has {outputLength} {unit}; {count} samples need {needOut}.", outputName);
        }

        /// <summary>Stops the worker threads. Safe to call twice; a call in progress finishes first.</summary>
        public void Dispose()
        {
            lock (_runLock)
            {
                if (_disposed) return;
                _disposed = true;
            }
            _pool.Dispose();
        }
    }
}
