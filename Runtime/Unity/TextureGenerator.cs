using System;
using System.Threading;
using UnityEngine;
using Wasserforge.Latent;

namespace Wasserforge.Unity
{
    /// <summary>
    /// Fills a texture from a seed and truncation ψ and assigns it to this object's renderer. With
    /// <see cref="generateInBackground"/> the model runs on a worker thread and the upload happens on
    /// the main thread afterwards, so frames do not stall; a newer request cancels an older one.
    /// <see cref="device"/> chooses where the model runs (<see cref="WasserforgeTextures.Model"/>). For a texture
    /// model, <see cref="textureWidth"/> × <see cref="textureHeight"/> sets the output size (e.g. 1024 × 1024,
    /// seamless) and <see cref="noiseSeed"/> the arrangement.
    /// </summary>
    [AddComponentMenu("Wasserforge/Texture Generator")]
    [DisallowMultipleComponent]
    public sealed class TextureGenerator : MonoBehaviour
    {
        [Tooltip("Generator imported from an .onnx file.")]
        public GeneratorAsset generator;
        [Tooltip("Read as an unsigned 64-bit value. The same seed gives the same latent everywhere; with Device = Deterministic the same seed and truncation give the same texture on every machine, otherwise on the same ONNX Runtime build, device and CPU family.")]
        public long seed = 1;
        [Tooltip("1 = full variety; smaller values give more typical textures.")]
        [Range(0f, 1.5f)] public float truncation = 1f;
        [Tooltip("Where the model runs. Deterministic: Wasserforge's own integer engine on the CPU, bit-identical textures on every machine, no ONNX Runtime needed (only the operators the trainer exports). Auto: ONNX Runtime on the first of DirectML, CUDA, CoreML, NNAPI it has, else its CPU. Cpu, DirectML, Cuda, CoreML, Nnapi: that ONNX Runtime device or an error.")]
        public ExecutionDevice device = ExecutionDevice.Auto;
        [Tooltip("Generate on a worker thread and upload when done (WebGL players, which have no threads, generate on the main thread).")]
        public bool generateInBackground = true;
        [Tooltip("Texture models only: output width in pixels, a multiple of the model's noise scale (e.g. 1024); 0 = the model's training crop. The texture tiles seamlessly at any size.")]
        public int textureWidth;
        [Tooltip("Texture models only: output height in pixels, a multiple of the model's noise scale; 0 = the model's training crop.")]
        public int textureHeight;
        [Tooltip("Texture models only: seed of the local noise (the arrangement); the seed above picks the material. Read as an unsigned 64-bit value.")]
        public long noiseSeed;

        Texture2D _texture;
        byte[] _pixels;
        CancellationTokenSource _pending;

        /// <summary>The generated texture (null until generated).</summary>
        public Texture2D Texture => _texture;

        /// <summary>Raised on the main thread after each upload.</summary>
        public event Action<Texture2D> Generated;

        void Start() => Regenerate();

        /// <summary>Sets the seed and generates.</summary>
        public void Generate(long newSeed)
        {
            seed = newSeed;
            Regenerate();
        }

        /// <summary>Generates again with the current seed and truncation. Errors are logged with this component as context.</summary>
        public async void Regenerate()
        {
            if (generator == null || !generator.IsValid) return;
            _pending?.Cancel();
            var cts = _pending = new CancellationTokenSource();
            try
            {
                var model = WasserforgeTextures.Model(generator, device);
                // A texture model makes any size (whole noise cells); an image model its own.
                var texture = model.IsTexture;
                var width = texture && textureWidth > 0 ? textureWidth : model.Width;
                var height = texture && textureHeight > 0 ? textureHeight : model.Height;
                if (texture) model.CheckTextureSize(width, height);
                if (_texture == null || _texture.width != width || _texture.height != height)
                {
                    if (_texture != null) Destroy(_texture);
                    _texture = texture ? WasserforgeTextures.CreateTexture(model, width, height) : WasserforgeTextures.Create(model, generator.Tileable);
                }
                var z = LatentSampler.Sample((ulong)seed, model.LatentDim);
                LatentMath.Truncate(z, truncation);
                // A background request gets its own buffer: an older, cancelled one may still be writing.
                var size = width * height * 4;
                var background = generateInBackground && WasserforgeTextures.ThreadsAvailable;
                var rgba = background || _pixels == null || _pixels.Length != size ? new byte[size] : _pixels;
                if (texture && background) await model.GenerateTextureRgba32Async(z, (ulong)noiseSeed, width, height, rgba, true, cts.Token);
                else if (texture) { model.GenerateTextureRgba32(z, (ulong)noiseSeed, width, height, rgba, true); _pixels = rgba; }
                else if (background) await model.GenerateRgba32Async(z, 1, rgba, true, cts.Token);   // resumes on Unity's main thread
                else { model.GenerateRgba32(z, 1, rgba, true); _pixels = rgba; }
                if (cts.IsCancellationRequested || this == null) return;
                _texture.LoadRawTextureData(rgba);
                _texture.Apply(false, false);
                var r = GetComponent<Renderer>();
                if (r != null) r.material.mainTexture = _texture;
                Generated?.Invoke(_texture);
            }
            catch (OperationCanceledException) { }
            catch (Exception e) { Debug.LogException(e, this); }
        }

        void OnDestroy()
        {
            _pending?.Cancel();
            if (_texture != null) Destroy(_texture);
        }
    }
}
