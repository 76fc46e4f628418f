using UnityEngine;

namespace Wasserforge.Unity
{
    /// <summary>
    /// A generator ONNX file imported into a Unity project: its bytes, what its metadata says, and
    /// the importer's validation messages. Created by the .onnx importer; all logic lives in
    /// <see cref="GeneratorModel"/>.
    /// </summary>
    public sealed class GeneratorAsset : ScriptableObject
    {
        [SerializeField, HideInInspector] byte[] _onnx;
        [SerializeField] string _summary;
        [SerializeField] string[] _errors = new string[0];
        [SerializeField] int _latentDim;
        [SerializeField] int _width;
        [SerializeField] int _height;
        [SerializeField] bool _tileable;

        /// <summary>The ONNX file's bytes.</summary>
        public byte[] Onnx => _onnx;
        /// <summary>One line describing the model ("32×32 RGB, latent 64, wgan-gp, 5000 steps, tileable").</summary>
        public string Summary => _summary;
        /// <summary>Why the model cannot be used (empty when valid).</summary>
        public string[] Errors => _errors;
        /// <summary>True when the importer could load the model.</summary>
        public bool IsValid => _errors == null || _errors.Length == 0;
        /// <summary>Latent length.</summary>
        public int LatentDim => _latentDim;
        /// <summary>Image width.</summary>
        public int Width => _width;
        /// <summary>Image height.</summary>
        public int Height => _height;
        /// <summary>True when generated textures tile seamlessly.</summary>
        public bool Tileable => _tileable;

        /// <summary>Fills the asset (used by the importer).</summary>
        public void Initialize(byte[] onnx, Contract.GeneratorDescription description, string[] errors)
        {
            _onnx = onnx;
            _errors = errors ?? new string[0];
            if (description == null) { _summary = "invalid model"; return; }
            _latentDim = description.LatentDim;
            _width = description.Width;
            _height = description.Height;
            _tileable = description.Tileable;
            var channels = description.Channels == 1 ? "gray" : description.Channels == 3 ? "RGB" : description.Channels == 4 ? "RGBA" : description.Channels + "-D";
            _summary = description.IsImage
                ? $"{description.Width}×{description.Height} {channels}, latent {description.LatentDim}, {description.Loss ?? "unknown loss"}, {description.Steps} steps{(description.Tileable ? ", tileable" : "")}"
                : $"{description.Channels}-D points, latent {description.LatentDim}";
        }

        /// <summary>Loads a runtime model from the asset's bytes; dispose it when done.</summary>
        /// <exception cref="ModelLoadException">The bytes break the model contract.</exception>
        public GeneratorModel Load(GeneratorOptions options = null) => GeneratorModel.Load(_onnx, options, name);
    }
}
