using System;
using System.Threading;
using UnityEngine;
using Wasserforge.Latent;

namespace Wasserforge.Unity
{
    /// <summary>
    /// Fills a texture from a seed and assigns it to this object's renderer. With
    /// <see cref="generateInBackground"/> the model runs on a worker thread and the upload happens on
    /// the main thread afterwards, so frames do not stall.
    /// </summary>
    [AddComponentMenu("Wasserforge/Texture Generator")]
    [DisallowMultipleComponent]
    public sealed class TextureGenerator : MonoBehaviour
    {
        [Tooltip("Generator imported from an .onnx file.")]
        public GeneratorAsset generator;
        [Tooltip("The same seed gives the same texture on every machine.")]
        public long seed = 1;
        [Tooltip("1 = full variety; smaller values give more typical textures.")]
        [Range(0f, 1.5f)] public float truncation = 1f;
        [Tooltip("Generate on a worker thread and upload when done.")]
        public bool generateInBackground = true;

        Texture2D _texture;
        CancellationTokenSource _pending;

        /// <summary>The generated texture (null until generated).</summary>
        public Texture2D Texture => _texture;

        void Start() => Regenerate();

        /// <summary>Generates again with the current seed and truncation; a newer request cancels an older one.</summary>
        public async void Regenerate()
        {
            if (generator == null || !generator.IsValid) return;
            _pending?.Cancel();
            var cts = _pending = new CancellationTokenSource();
            var model = WasserforgeTextures.Model(generator);
            if (_texture == null) _texture = WasserforgeTextures.Create(model, generator.Tileable);
            if (!generateInBackground)
            {
                WasserforgeTextures.Fill(model, _texture, (ulong)seed, truncation);
                Assign();
                return;
            }
            var z = LatentSampler.Sample((ulong)seed, model.LatentDim);
            LatentMath.Truncate(z, truncation);
            var rgba = new byte[model.Width * model.Height * 4];
            try
            {
                await model.GenerateRgba32Async(z, 1, rgba, true, cts.Token);   // resumes on Unity's main thread
            }
            catch (OperationCanceledException) { return; }
            if (cts.IsCancellationRequested || this == null) return;
            _texture.LoadRawTextureData(rgba);
            _texture.Apply(false, false);
            Assign();
        }

        void Assign()
        {
            var r = GetComponent<Renderer>();
            if (r != null) r.material.mainTexture = _texture;
        }

        void OnDestroy()
        {
            _pending?.Cancel();
            if (_texture != null) Destroy(_texture);
        }
    }
}
