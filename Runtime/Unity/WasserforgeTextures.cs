using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using UnityEngine;
using Wasserforge.Latent;

namespace Wasserforge.Unity
{
    /// <summary>
    /// One-call texture generation for scripts: <c>WasserforgeTextures.Generate(asset, seed: 42)</c>.
    /// Call from the main thread. Loaded models are cached per asset and released by <see cref="Release"/>,
    /// <see cref="ReleaseAll"/>, when the application quits, and in the Editor before each assembly
    /// reload (entering Play Mode, recompiling), so no ONNX Runtime session outlives its domain.
    /// </summary>
    public static class WasserforgeTextures
    {
        /// <summary>Loaded models per asset, with the bytes they were loaded from (a reimported asset gets new bytes).</summary>
        static readonly Dictionary<GeneratorAsset, (byte[] onnx, GeneratorModel model)> s_models = new Dictionary<GeneratorAsset, (byte[], GeneratorModel)>();
        static bool s_hooked;

        /// <summary>The cached runtime model of <paramref name="asset"/> (loaded on first use, and again after the asset is reimported).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="asset"/> is null.</exception>
        /// <exception cref="ModelLoadException">The asset's model is invalid.</exception>
        public static GeneratorModel Model(GeneratorAsset asset)
        {
            if (asset == null) throw new ArgumentNullException(nameof(asset));
            Hook();
            if (s_models.TryGetValue(asset, out var cached))
            {
                if (ReferenceEquals(cached.onnx, asset.Onnx)) return cached.model;
                s_models.Remove(asset);
                cached.model.Dispose();
            }
            var model = asset.Load();
            s_models[asset] = (asset.Onnx, model);
            return model;
        }

        static void Hook()
        {
            if (s_hooked) return;
            s_hooked = true;
            Application.quitting += ReleaseAll;
#if UNITY_EDITOR
            UnityEditor.AssemblyReloadEvents.beforeAssemblyReload += ReleaseAll;
#endif
        }

        /// <summary>A new RGBA32 texture generated from <paramref name="seed"/> (see <see cref="LatentSampler"/>), scaled by truncation ψ.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="asset"/> is null.</exception>
        /// <exception cref="ModelLoadException">The asset's model is invalid.</exception>
        /// <exception cref="InvalidOperationException">The model generates points, not images.</exception>
        /// <exception cref="ArgumentOutOfRangeException">ψ is negative or not finite.</exception>
        public static Texture2D Generate(GeneratorAsset asset, ulong seed, float truncation = 1f)
        {
            var model = Model(asset);
            var texture = Create(model, asset.Tileable);
            Fill(model, texture, seed, truncation);
            return texture;
        }

        /// <summary>
        /// Like <see cref="Generate"/>, but the model runs on a worker thread; the texture is created on the
        /// calling (main) thread when the pixels are ready, so frames do not stall.
        /// </summary>
        /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
        /// <exception cref="ModelLoadException">The asset's model is invalid.</exception>
        /// <exception cref="InvalidOperationException">The model generates points, not images.</exception>
        public static async Task<Texture2D> GenerateAsync(GeneratorAsset asset, ulong seed, float truncation = 1f, CancellationToken cancellation = default)
        {
            var model = Model(asset);
            var z = Latent(model, seed, truncation);
            var rgba = new byte[model.Width * model.Height * 4];
            await model.GenerateRgba32Async(z, 1, rgba, true, cancellation);   // resumes on Unity's main thread
            var texture = Create(model, asset.Tileable);
            texture.LoadRawTextureData(rgba);
            texture.Apply(false, false);
            return texture;
        }

        /// <summary>An RGBA32 texture sized for <paramref name="model"/>: point-filtered, repeating when tileable.</summary>
        /// <exception cref="InvalidOperationException">The model generates points, not images.</exception>
        public static Texture2D Create(GeneratorModel model, bool tileable)
        {
            if (!model.Description.IsImage) throw new InvalidOperationException($"{model.Source} generates points, not images: it has no texture form.");
            return new Texture2D(model.Width, model.Height, TextureFormat.RGBA32, false)
            {
                wrapMode = tileable ? TextureWrapMode.Repeat : TextureWrapMode.Clamp,
                filterMode = FilterMode.Point,
            };
        }

        /// <summary>Generates into an existing RGBA32 texture of the model's size (synchronously).</summary>
        /// <exception cref="ArgumentException">The texture's size differs from the model's.</exception>
        /// <exception cref="ArgumentOutOfRangeException">ψ is negative or not finite.</exception>
        public static void Fill(GeneratorModel model, Texture2D texture, ulong seed, float truncation = 1f)
        {
            if (texture.width != model.Width || texture.height != model.Height)
                throw new ArgumentException($"the texture is {texture.width}x{texture.height}; {model.Source} makes {model.Width}x{model.Height}.", nameof(texture));
            var rgba = new byte[model.Width * model.Height * 4];
            model.GenerateRgba32(Latent(model, seed, truncation), 1, rgba, bottomUp: true);
            texture.LoadRawTextureData(rgba);
            texture.Apply(false, false);
        }

        static float[] Latent(GeneratorModel model, ulong seed, float truncation)
        {
            var z = LatentSampler.Sample(seed, model.LatentDim);
            LatentMath.Truncate(z, truncation);
            return z;
        }

        /// <summary>Disposes the cached model of <paramref name="asset"/>, if any (e.g. after reimporting it).</summary>
        public static void Release(GeneratorAsset asset)
        {
            if (asset is null || !s_models.TryGetValue(asset, out var cached)) return;
            s_models.Remove(asset);
            cached.model.Dispose();
        }

        /// <summary>Disposes every cached model.</summary>
        public static void ReleaseAll()
        {
            foreach (var cached in s_models.Values) cached.model.Dispose();
            s_models.Clear();
        }
    }
}
