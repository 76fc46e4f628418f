using System;
using System.Collections.Generic;
using UnityEngine;
using Wasserforge.Latent;

namespace Wasserforge.Unity
{
    /// <summary>
    /// One-call texture generation for scripts: <c>WasserforgeTextures.Generate(asset, seed: 42)</c>.
    /// Loaded models are cached per asset and released when the application quits or by <see cref="ReleaseAll"/>.
    /// </summary>
    public static class WasserforgeTextures
    {
        static readonly Dictionary<GeneratorAsset, GeneratorModel> s_models = new Dictionary<GeneratorAsset, GeneratorModel>();
        static bool s_hooked;

        /// <summary>The cached runtime model of <paramref name="asset"/> (loaded on first use).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="asset"/> is null.</exception>
        /// <exception cref="ModelLoadException">The asset's model is invalid.</exception>
        public static GeneratorModel Model(GeneratorAsset asset)
        {
            if (asset == null) throw new ArgumentNullException(nameof(asset));
            if (!s_hooked) { Application.quitting += ReleaseAll; s_hooked = true; }
            if (!s_models.TryGetValue(asset, out var model))
            {
                model = asset.Load();
                s_models[asset] = model;
            }
            return model;
        }

        /// <summary>A new texture generated from <paramref name="seed"/> (see <see cref="LatentSampler"/>), scaled by truncation ψ.</summary>
        /// <exception cref="ModelLoadException">The asset's model is invalid.</exception>
        public static Texture2D Generate(GeneratorAsset asset, ulong seed, float truncation = 1f)
        {
            var model = Model(asset);
            var texture = Create(model, asset.Tileable);
            Fill(model, texture, seed, truncation);
            return texture;
        }

        /// <summary>An RGBA32 texture sized for <paramref name="model"/>.</summary>
        public static Texture2D Create(GeneratorModel model, bool tileable)
        {
            return new Texture2D(model.Width, model.Height, TextureFormat.RGBA32, false)
            {
                wrapMode = tileable ? TextureWrapMode.Repeat : TextureWrapMode.Clamp,
                filterMode = FilterMode.Point,
            };
        }

        /// <summary>Generates into an existing texture of the model's size (synchronously).</summary>
        public static void Fill(GeneratorModel model, Texture2D texture, ulong seed, float truncation = 1f)
        {
            var z = LatentSampler.Sample(seed, model.LatentDim);
            LatentMath.Truncate(z, truncation);
            var rgba = new byte[model.Width * model.Height * 4];
            model.GenerateRgba32(z, 1, rgba, bottomUp: true);
            texture.LoadRawTextureData(rgba);
            texture.Apply(false, false);
        }

        /// <summary>Disposes every cached model.</summary>
        public static void ReleaseAll()
        {
            foreach (var m in s_models.Values) m.Dispose();
            s_models.Clear();
        }
    }
}
