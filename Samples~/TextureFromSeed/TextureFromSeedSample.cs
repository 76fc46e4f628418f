using UnityEngine;
using Wasserforge.Unity;

namespace Wasserforge.Samples
{
    /// <summary>
    /// Gives this object's renderer a texture generated from <see cref="seed"/>; press Space for the
    /// next seed. Assign the bundled ProceduralTextures generator (or any generator imported from an
    /// .onnx file). It runs on the deterministic device, so the same seed and truncation give the same
    /// texture, bit for bit, on every machine.
    /// </summary>
    public sealed class TextureFromSeedSample : MonoBehaviour
    {
        [Tooltip("A generator asset: drag ProceduralTextures.onnx here.")]
        public GeneratorAsset generator;
        [Tooltip("Seed of the first texture; Space moves to the next one.")]
        public long seed = 1;
        [Tooltip("Truncation ψ: 1 = full variety, smaller = more typical textures.")]
        [Range(0f, 1.5f)] public float truncation = 0.8f;
        [Tooltip("Deterministic: the same texture for a seed on every machine. Auto: ONNX Runtime, faster, the same texture only on the same ONNX Runtime build, device and CPU family.")]
        public ExecutionDevice device = ExecutionDevice.Deterministic;

        Texture2D _texture;

        void Start() => Apply();

        void Update()
        {
            if (Input.GetKeyDown(KeyCode.Space)) { seed++; Apply(); }
        }

        void Apply()
        {
            if (generator == null || !generator.IsValid) return;
            if (_texture != null) Destroy(_texture);
            _texture = WasserforgeTextures.Generate(generator, (ulong)seed, truncation, device);
            GetComponent<Renderer>().material.mainTexture = _texture;
        }

        void OnDestroy()
        {
            if (_texture != null) Destroy(_texture);
        }
    }
}
