using UnityEditor;
using UnityEngine;
using Wasserforge.Unity;

namespace Wasserforge.Editor
{
    /// <summary>Inspector of a <see cref="GeneratorAsset"/>: the summary, errors, and a preview from a seed.</summary>
    [CustomEditor(typeof(GeneratorAsset))]
    public sealed class GeneratorAssetEditor : UnityEditor.Editor
    {
        long _seed = 1;
        Texture2D _preview;

        /// <inheritdoc/>
        public override void OnInspectorGUI()
        {
            var asset = (GeneratorAsset)target;
            EditorGUILayout.LabelField("Generator", asset.Summary);
            foreach (var error in asset.Errors) EditorGUILayout.HelpBox(error, MessageType.Error);
            if (!asset.IsValid) return;
            _seed = EditorGUILayout.LongField("Preview seed", _seed);
            if (GUILayout.Button("Generate preview"))
            {
                if (_preview != null) DestroyImmediate(_preview);
                _preview = WasserforgeTextures.Generate(asset, (ulong)_seed);
            }
            if (_preview != null) GUILayout.Label(_preview, GUILayout.Width(128), GUILayout.Height(128));
        }

        void OnDisable()
        {
            if (_preview != null) DestroyImmediate(_preview);
        }
    }
}
