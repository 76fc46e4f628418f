using UnityEngine;
using Wasserforge.Unity;

namespace Wasserforge.Samples
{
    /// <summary>
    /// Press Space to give this object's renderer a new texture from the next seed. Assign a
    /// generator imported from an .onnx file (e.g. one made with Tools~/demo.sh).
    /// </summary>
    public sealed class TextureFromSeedSample : MonoBehaviour
    {
        public GeneratorAsset generator;
        public long seed = 1;
        [Range(0f, 1.5f)] public float truncation = 0.8f;

        Texture2D _texture;

        void Start() => Apply();

        void Update()
        {
            if (Input.GetKeyDown(KeyCode.Space)) { seed++; Apply(); }
        }

        void Apply()
        {
            if (_texture != null) Destroy(_texture);
            _texture = WasserforgeTextures.Generate(generator, (ulong)seed, truncation);
            GetComponent<Renderer>().material.mainTexture = _texture;
        }
    }
}
