using System;
using System.IO;
using Wasserforge.Contract;
using Wasserforge.Generation;
using Wasserforge.Inference;
using Wasserforge.Onnx;

namespace Wasserforge
{
    /// <summary>
    /// A loaded generator: turns latent vectors into images (or points) through ONNX Runtime, or on
    /// <see cref="ExecutionDevice.Deterministic"/> through Wasserforge's own integer engine (bit-identical
    /// everywhere, no ONNX Runtime). Thread-safe: any number of threads may generate at once (on DirectML
    /// and the deterministic device, runs are serialised). Steady-state <see cref="Generate"/> and
    /// <see cref="GenerateRgba32"/> allocate no managed memory. Dispose it to free the native session or
    /// the worker threads (deterministically; a run in flight on another thread finishes first).
    /// </summary>
    public sealed partial class GeneratorModel : IDisposable
    {
        readonly IGeneratorEngine _engine;
        readonly int _tileCells;
        volatile bool _disposed;

        /// <summary>What the model says about itself (latent size, image layout, training facts).</summary>
        public GeneratorDescription Description { get; }
        /// <summary>Length of one latent vector.</summary>
        public int LatentDim => Description.LatentDim;
        /// <summary>Image width (0 for point generators); for texture models the default width (the training crop).</summary>
        public int Width => Description.Width;
        /// <summary>Image height (0 for point generators); for texture models the default height (the training crop).</summary>
        public int Height => Description.Height;
        /// <summary>True for a texture model: <see cref="GenerateTexture"/> makes seamless textures of any size.</summary>
        public bool IsTexture => Description.IsTexture;
        /// <summary>Texture models: channels of the local noise (0 otherwise).</summary>
        public int NoiseChannels => Description.NoiseChannels;
        /// <summary>Texture models: pixels per noise cell; texture sides are multiples of it (0 otherwise).</summary>
        public int NoiseScale => Description.NoiseScale;
        /// <summary>Texture models: the receptive-field radius in noise cells that tiles overlap by (0 otherwise).</summary>
        public int NoiseHalo => Description.NoiseHalo;
        /// <summary>Image channels (1, 3 or 4), or the vector length of a point generator.</summary>
        public int Channels => Description.Channels;
        /// <summary>Floats per generated sample: C·H·W for images.</summary>
        public int ValuesPerSample => Description.ValuesPerSample;
        /// <summary>The device the model runs on.</summary>
        public ExecutionDevice ActiveDevice { get; }
        /// <summary>
        /// Which device is active and why the others were skipped, e.g. "Cpu active; DirectML skipped:
        /// DirectML exists only on Windows; …", or "Deterministic active (wf-fixed-1, 4 threads)".
        /// </summary>
        public string DeviceReport { get; }
        /// <summary>Where the model came from (file path, or the name given for bytes).</summary>
        public string Source { get; }

        GeneratorModel(IGeneratorEngine engine, GeneratorDescription description, ExecutionDevice device, string report, string source, int tileCells)
        {
            _engine = engine;
            _tileCells = tileCells;
            Description = description;
            ActiveDevice = device;
            DeviceReport = report;
            Source = source;
        }

        /// <summary>
        /// Which ONNX Runtime this process loads and which execution providers it reports, e.g.
        /// "ONNX Runtime 1.31.0 (CPUExecutionProvider)". Loads the native library on first use.
        /// </summary>
        /// <exception cref="WasserforgeException">ONNX Runtime's native library cannot be loaded here; the message says where it comes from.</exception>
        public static string DescribeRuntime() =>
            $"ONNX Runtime {OrtLibrary.Version} ({string.Join(", ", OrtLibrary.AvailableProviders)})";

        /// <summary>Loads a generator ONNX file.</summary>
        /// <param name="path">The .onnx file.</param>
        /// <param name="options">Device and threads (null: defaults).</param>
        /// <exception cref="ModelLoadException">The file is missing, not ONNX, truncated, or breaks the model contract; on <see cref="ExecutionDevice.Deterministic"/> also an operator or attribute that device does not run (<see cref="ModelLoadError.UnsupportedOperator"/>). The message names the file and the problem.</exception>
        /// <exception cref="WasserforgeException">ONNX Runtime itself cannot be loaded, or an explicitly requested device is unavailable.</exception>
        public static GeneratorModel Load(string path, GeneratorOptions options = null)
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
        /// <param name="options">Device and threads (null: defaults).</param>
        /// <param name="sourceName">Name used in error messages (null: &lt;memory&gt;).</param>
        /// <exception cref="ArgumentNullException"><paramref name="onnx"/> is null.</exception>
        /// <exception cref="ArgumentException">The options hold a negative thread count or device id, or a texture tile below 1 cell.</exception>
        /// <exception cref="ModelLoadException">The bytes are not ONNX, truncated, or break the model contract; on <see cref="ExecutionDevice.Deterministic"/> also an operator or attribute that device does not run (<see cref="ModelLoadError.UnsupportedOperator"/>).</exception>
        /// <exception cref="WasserforgeException">ONNX Runtime itself cannot be loaded, or an explicitly requested device is unavailable.</exception>
        public static GeneratorModel Load(byte[] onnx, GeneratorOptions options = null, string sourceName = null)
        {
            if (onnx == null) throw new ArgumentNullException(nameof(onnx));
            options = options ?? new GeneratorOptions();
            if (options.IntraOpThreads < 0) throw new ArgumentException($"IntraOpThreads is {options.IntraOpThreads}; use 0 for the device's default or a positive thread count.", nameof(options));
            if (options.DeviceId < 0) throw new ArgumentException($"DeviceId is {options.DeviceId}; it must be 0 or more.", nameof(options));
            if (options.TextureTileCells < 1) throw new ArgumentException($"TextureTileCells is {options.TextureTileCells}; it must be at least 1.", nameof(options));
            if (onnx.Length == 0) throw new ModelLoadException(sourceName, ModelLoadError.NotOnnx, "the file is empty.");
            IGeneratorEngine engine;
            ExecutionDevice device;
            string report;
            try
            {
                engine = EngineFactory.Create(onnx, options, sourceName, out device, out report);
            }
            catch (OnnxRuntimeException e)
            {
                throw Refused(onnx, sourceName, e);
            }
            return new GeneratorModel(engine, engine.Description, device, report, sourceName ?? "<memory>", options.TextureTileCells);
        }

        static ModelLoadException Refused(byte[] onnx, string source, OnnxRuntimeException e)
        {
            switch (OnnxFileSniffer.Classify(onnx))
            {
                case OnnxFileShape.NotOnnx:
                    return new ModelLoadException(source, ModelLoadError.NotOnnx, "is not an ONNX model (the bytes are not an ONNX ModelProto).", e);
                case OnnxFileShape.Truncated:
                    return new ModelLoadException(source, ModelLoadError.Truncated, $"the ONNX file is truncated ({onnx.Length} bytes): it stops before the model is complete. Copy or export it again.", e);
                default:
                    return new ModelLoadException(source, ModelLoadError.RuntimeRejected, "ONNX Runtime refused the model: " + e.OrtMessage, e);
            }
        }

        /// <summary>Frees the native session or the deterministic device's worker threads (after a run in flight on another thread returns). Safe to call twice.</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _engine.Dispose();
        }
    }
}
