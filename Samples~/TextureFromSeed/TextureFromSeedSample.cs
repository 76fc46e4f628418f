using UnityEngine;
using Wasserforge.Unity;

namespace Wasserforge.Samples
{
    /// <summary>
    /// Gives this object's renderer a texture generated from <see cref="seed"/>; press Space for the
    /// next seed. Assign the bundled ProceduralTextures generator (or any generator imported from an
    /// .onnx file). The same seed gives the same texture on the same ONNX Runtime build, device and CPU family.
    /// </summary>
    public sealed class TextureFromSeedSample : MonoBehaviour
    {
        [Tooltip("A generator asset: drag ProceduralTextures.onnx here.")]
        public GeneratorAsset generator;
        [Tooltip("Seed of the first texture; Space moves to the next one.")]
        public long seed = 1;
        [Tooltip("Truncation ψ: 1 = full variety, smaller = more typical textures.")]
        [Range(0f, 1.5f)] public float truncation = 0.8f;

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
            _texture = WasserforgeTextures.Generate(generator, (ulong)seed, truncation);
            GetComponent<Renderer>().material.mainTexture = _texture;
        }

        void OnDestroy()
        {
            if (_texture != null) Destroy(_texture);
        }
    }
}
