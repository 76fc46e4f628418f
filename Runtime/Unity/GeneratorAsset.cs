using System.Collections.Generic;
using UnityEngine;
using Wasserforge.Contract;

namespace Wasserforge.Unity
{
    /// <summary>
    /// A generator ONNX file imported into a Unity project: its bytes, its contract metadata (parsed on
    /// demand into <see cref="Description"/>) and the importer's validation messages. Created by the
    /// .onnx importer; all logic lives in <see cref="GeneratorModel"/> and <see cref="GeneratorDescription"/>.
    /// </summary>
    public sealed class GeneratorAsset : ScriptableObject
    {
        [SerializeField, HideInInspector] byte[] _onnx;
        [SerializeField] string _summary;
        [SerializeField] string[] _errors = new string[0];
        [SerializeField] string[] _warnings = new string[0];
        [SerializeField, HideInInspector] string[] _metadataKeys = new string[0];
        [SerializeField, HideInInspector] string[] _metadataValues = new string[0];
        [SerializeField] int _latentDim;
        [SerializeField] int _width;
        [SerializeField] int _height;
        [SerializeField] int _channels;
        [SerializeField] bool _tileable;

        GeneratorDescription _description;

        /// <summary>The ONNX file's bytes.</summary>
        public byte[] Onnx => _onnx;
        /// <summary>One line describing the model ("32×32 RGB, latent 64, wgan-gp, 5000 steps, tileable").</summary>
        public string Summary => _summary;
        /// <summary>Why the model cannot be used (empty when valid); each names the file.</summary>
        public string[] Errors => _errors ?? new string[0];
        /// <summary>Things that work but may surprise (e.g. a point generator has no texture form).</summary>
        public string[] Warnings => _warnings ?? new string[0];
        /// <summary>True when the importer could load the model.</summary>
        public bool IsValid => _errors == null || _errors.Length == 0;
        /// <summary>Latent length.</summary>
        public int LatentDim => _latentDim;
        /// <summary>Image width in pixels.</summary>
        public int Width => _width;
        /// <summary>Image height in pixels.</summary>
        public int Height => _height;
        /// <summary>1 (gray), 3 (RGB) or 4 (RGBA) for images; the point dimension for point generators.</summary>
        public int Channels => _channels;
        /// <summary>True when generated textures tile seamlessly.</summary>
        public bool Tileable => _tileable;

        /// <summary>The model's contract metadata, parsed (null when the model is invalid).</summary>
        public GeneratorDescription Description
        {
            get
            {
                if (_description != null || !IsValid || _metadataKeys == null || _metadataKeys.Length == 0) return _description;
                var map = new Dictionary<string, string>();
                for (var i = 0; i < _metadataKeys.Length && i < _metadataValues.Length; i++) map[_metadataKeys[i]] = _metadataValues[i];
                try { _description = GeneratorDescription.Parse(map, name); }
                catch (ModelLoadException) { _description = null; }
                return _description;
            }
        }

        /// <summary>Fills the asset (used by the importer). <paramref name="description"/> is null for an invalid model.</summary>
        public void Initialize(byte[] onnx, GeneratorDescription description, string[] errors, string[] warnings = null)
        {
            _onnx = onnx;
            _errors = errors ?? new string[0];
            _warnings = warnings ?? new string[0];
            _description = description;
            if (description == null)
            {
                _summary = "invalid model";
                _metadataKeys = _metadataValues = new string[0];
                return;
            }
            var metadata = description.ToMetadata();
            _metadataKeys = new string[metadata.Count];
            _metadataValues = new string[metadata.Count];
            var k = 0;
            foreach (var kv in metadata) { _metadataKeys[k] = kv.Key; _metadataValues[k] = kv.Value; k++; }
            _latentDim = description.LatentDim;
            _width = description.Width;
            _height = description.Height;
            _channels = description.Channels;
            _tileable = description.Tileable;
            var channels = description.Channels == 1 ? "gray" : description.Channels == 3 ? "RGB" : description.Channels == 4 ? "RGBA" : description.Channels + "-D";
            _summary = description.IsTexture
                ? $"seamless {channels} texture of any size (multiples of {description.NoiseScale} px; trained on {description.Width}×{description.Height} crops), latent {description.LatentDim}, {description.Loss ?? "unknown loss"}, {description.Steps} steps"
                : description.IsImage
                ? $"{description.Width}×{description.Height} {channels}, latent {description.LatentDim}, {description.Loss ?? "unknown loss"}, {description.Steps} steps{(description.Tileable ? ", tileable" : "")}"
                : $"{description.Channels}-D points, latent {description.LatentDim}";
        }

        /// <summary>Loads a runtime model from the asset's bytes; dispose it when done.</summary>
        /// <exception cref="ModelLoadException">The bytes break the model contract.</exception>
        public GeneratorModel Load(GeneratorOptions options = null) => GeneratorModel.Load(_onnx, options, name);
    }
}
