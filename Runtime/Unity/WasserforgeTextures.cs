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
    /// Call from the main thread. Loaded models are cached per asset and device and released by
    /// <see cref="Release"/>, <see cref="ReleaseAll"/>, when the application quits, and in the Editor
    /// before each assembly reload (entering Play Mode, recompiling), so no ONNX Runtime session or
    /// worker thread outlives its domain. With <see cref="ExecutionDevice.Deterministic"/> the same seed
    /// and truncation give the same texture on every machine.
    /// </summary>
    public static class WasserforgeTextures
    {
        /// <summary>
        /// False in WebGL players, which have no threads: models there run on one thread, and the async
        /// calls generate on the calling thread.
        /// </summary>
        public static bool ThreadsAvailable
        {
            get
            {
#if UNITY_WEBGL && !UNITY_EDITOR
                return false;
#else
                return true;
#endif
            }
        }

        /// <summary>Loaded models per asset and device, with the bytes they were loaded from (a reimported asset gets new bytes).</summary>
        static readonly Dictionary<(GeneratorAsset asset, ExecutionDevice device), (byte[] onnx, GeneratorModel model)> s_models =
            new Dictionary<(GeneratorAsset, ExecutionDevice), (byte[], GeneratorModel)>();
        static bool s_hooked;

        /// <summary>
        /// The cached runtime model of <paramref name="asset"/> on <paramref name="device"/> (loaded on first
        /// use, and again after the asset is reimported). Each device has its own model.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="asset"/> is null.</exception>
        /// <exception cref="ModelLoadException">The asset's model is invalid, or <see cref="ExecutionDevice.Deterministic"/> does not run one of its operators.</exception>
        /// <exception cref="WasserforgeException">ONNX Runtime cannot be loaded, or an explicitly requested device is unavailable.</exception>
        public static GeneratorModel Model(GeneratorAsset asset, ExecutionDevice device = ExecutionDevice.Auto)
        {
            if (asset == null) throw new ArgumentNullException(nameof(asset));
            Hook();
            var key = (asset, device);
            if (s_models.TryGetValue(key, out var cached))
            {
                if (ReferenceEquals(cached.onnx, asset.Onnx)) return cached.model;
                s_models.Remove(key);
                cached.model.Dispose();
            }
            var model = asset.Load(Options(device));
            s_models[key] = (asset.Onnx, model);
            return model;
        }

        /// <summary>The options the cached models load with: <paramref name="device"/>, and one thread where <see cref="ThreadsAvailable"/> is false.</summary>
        public static GeneratorOptions Options(ExecutionDevice device) =>
            new GeneratorOptions { Device = device, IntraOpThreads = ThreadsAvailable ? 0 : 1 };

        static void Hook()
        {
            if (s_hooked) return;
            s_hooked = true;
            Application.quitting += ReleaseAll;
#if UNITY_EDITOR
            UnityEditor.AssemblyReloadEvents.beforeAssemblyReload += ReleaseAll;
#endif
        }

        /// <summary>
        /// A new RGBA32 texture generated from <paramref name="seed"/> (see <see cref="LatentSampler"/>), scaled
        /// by truncation ψ, on <paramref name="device"/> (<see cref="ExecutionDevice.Deterministic"/>: the same
        /// pixels on every machine).
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="asset"/> is null.</exception>
        /// <exception cref="ModelLoadException">The asset's model is invalid, or the device does not run one of its operators.</exception>
        /// <exception cref="WasserforgeException">ONNX Runtime cannot be loaded, or an explicitly requested device is unavailable.</exception>
        /// <exception cref="InvalidOperationException">The model generates points, not images.</exception>
        /// <exception cref="ArgumentOutOfRangeException">ψ is negative or not finite.</exception>
        public static Texture2D Generate(GeneratorAsset asset, ulong seed, float truncation = 1f, ExecutionDevice device = ExecutionDevice.Auto)
        {
            var model = Model(asset, device);
            var texture = Create(model, asset.Tileable);
            Fill(model, texture, seed, truncation);
            return texture;
        }

        /// <summary>
        /// Like <see cref="Generate"/>, but the model runs on a worker thread (on the calling thread where
        /// <see cref="ThreadsAvailable"/> is false); the texture is created on the calling (main) thread when
        /// the pixels are ready, so frames do not stall.
        /// </summary>
        /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
        /// <exception cref="ModelLoadException">The asset's model is invalid, or the device does not run one of its operators.</exception>
        /// <exception cref="WasserforgeException">ONNX Runtime cannot be loaded, or an explicitly requested device is unavailable.</exception>
        /// <exception cref="InvalidOperationException">The model generates points, not images.</exception>
        public static async Task<Texture2D> GenerateAsync(GeneratorAsset asset, ulong seed, float truncation = 1f, CancellationToken cancellation = default,
                                                          ExecutionDevice device = ExecutionDevice.Auto)
        {
            var model = Model(asset, device);
            var z = Latent(model, seed, truncation);
            var rgba = new byte[model.Width * model.Height * 4];
            if (ThreadsAvailable) await model.GenerateRgba32Async(z, 1, rgba, true, cancellation);   // resumes on Unity's main thread
            else
            {
                cancellation.ThrowIfCancellationRequested();
                model.GenerateRgba32(z, 1, rgba, true);
            }
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
            return Create(model.Width, model.Height, tileable, FilterMode.Point);
        }

        static Texture2D Create(int width, int height, bool tileable, FilterMode filter) =>
            new Texture2D(width, height, TextureFormat.RGBA32, false)
            {
                wrapMode = tileable ? TextureWrapMode.Repeat : TextureWrapMode.Clamp,
                filterMode = filter,
            };

        /// <summary>
        /// A new seamless RGBA32 texture of <paramref name="width"/> × <paramref name="height"/> from a texture model
        /// (<see cref="GeneratorModel.IsTexture"/>): <paramref name="seed"/> picks the material (the global code, scaled
        /// by truncation ψ), <paramref name="noiseSeed"/> its arrangement. Repeating and bilinear-filtered, for
        /// materials. Sides must be multiples of <see cref="GeneratorModel.NoiseScale"/>; e.g. 1024 × 1024.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="asset"/> is null.</exception>
        /// <exception cref="ModelLoadException">The asset's model is invalid, or the device does not run it (the deterministic device does not run texture models).</exception>
        /// <exception cref="WasserforgeException">ONNX Runtime cannot be loaded, or an explicitly requested device is unavailable.</exception>
        /// <exception cref="InvalidOperationException">The model is not a texture model.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A side is not 1 to 16,384 pixels, or ψ is negative or not finite.</exception>
        /// <exception cref="ArgumentException">A side is not a multiple of the noise scale (the message names the nearest valid sizes).</exception>
        public static Texture2D GenerateTexture(GeneratorAsset asset, ulong seed, int width, int height, ulong noiseSeed = 0, float truncation = 1f,
                                                ExecutionDevice device = ExecutionDevice.Auto)
        {
            var model = Model(asset, device);
            model.CheckTextureSize(width, height);
            var rgba = new byte[width * height * 4];
            model.GenerateTextureRgba32(Latent(model, seed, truncation), noiseSeed, width, height, rgba, bottomUp: true);
            return Upload(rgba, width, height);
        }

        /// <summary>
        /// Like <see cref="GenerateTexture"/>, but the model runs on a worker thread (on the calling thread where
        /// <see cref="ThreadsAvailable"/> is false) and the texture is created on the calling (main) thread afterwards.
        /// </summary>
        /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
        /// <exception cref="ModelLoadException">The asset's model is invalid, or the device does not run it.</exception>
        /// <exception cref="WasserforgeException">ONNX Runtime cannot be loaded, or an explicitly requested device is unavailable.</exception>
        /// <exception cref="InvalidOperationException">The model is not a texture model.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A side is not 1 to 16,384 pixels, or ψ is negative or not finite.</exception>
        /// <exception cref="ArgumentException">A side is not a multiple of the noise scale.</exception>
        public static async Task<Texture2D> GenerateTextureAsync(GeneratorAsset asset, ulong seed, int width, int height, ulong noiseSeed = 0, float truncation = 1f,
                                                                 CancellationToken cancellation = default, ExecutionDevice device = ExecutionDevice.Auto)
        {
            var model = Model(asset, device);
            model.CheckTextureSize(width, height);
            var z = Latent(model, seed, truncation);
            var rgba = new byte[width * height * 4];
            if (ThreadsAvailable) await model.GenerateTextureRgba32Async(z, noiseSeed, width, height, rgba, true, cancellation);   // resumes on Unity's main thread
            else
            {
                cancellation.ThrowIfCancellationRequested();
                model.GenerateTextureRgba32(z, noiseSeed, width, height, rgba, true);
            }
            return Upload(rgba, width, height);
        }

        /// <summary>A repeating, bilinear RGBA32 texture of a texture model's size (<see cref="GeneratorModel.CheckTextureSize"/> checks it first).</summary>
        /// <exception cref="InvalidOperationException">The model is not a texture model.</exception>
        /// <exception cref="ArgumentException">The size is not one the model makes.</exception>
        public static Texture2D CreateTexture(GeneratorModel model, int width, int height)
        {
            model.CheckTextureSize(width, height);
            return Create(width, height, true, FilterMode.Bilinear);
        }

        static Texture2D Upload(byte[] rgba, int width, int height)
        {
            var texture = Create(width, height, true, FilterMode.Bilinear);
            texture.LoadRawTextureData(rgba);
            texture.Apply(false, false);
            return texture;
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

        /// <summary>Disposes the cached models of <paramref name="asset"/> on every device, if any (e.g. after reimporting it).</summary>
        public static void Release(GeneratorAsset asset)
        {
            if (asset is null) return;
            var keys = new List<(GeneratorAsset, ExecutionDevice)>();
            foreach (var key in s_models.Keys) if (ReferenceEquals(key.asset, asset)) keys.Add(key);
            foreach (var key in keys)
            {
                var cached = s_models[key];
                s_models.Remove(key);
                cached.model.Dispose();
            }
        }

        /// <summary>Disposes every cached model.</summary>
        public static void ReleaseAll()
        {
            foreach (var cached in s_models.Values) cached.model.Dispose();
            s_models.Clear();
        }
    }
}
