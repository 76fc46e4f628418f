using UnityEditor;
using UnityEngine;
using Wasserforge.Unity;

namespace Wasserforge.Editor
{
    /// <summary>
    /// Inspector of a <see cref="GeneratorAsset"/>: the summary, the validation messages (errors in red,
    /// warnings in yellow), the training facts from the metadata, and a preview from a seed and ψ.
    /// </summary>
    [CustomEditor(typeof(GeneratorAsset))]
    public sealed class GeneratorAssetEditor : UnityEditor.Editor
    {
        long _seed = 1;
        float _truncation = 1f;
        Texture2D _preview;

        /// <inheritdoc/>
        public override void OnInspectorGUI()
        {
            var asset = (GeneratorAsset)target;
            EditorGUILayout.LabelField("Generator", asset.Summary);
            foreach (var error in asset.Errors) EditorGUILayout.HelpBox(error, MessageType.Error);
            foreach (var warning in asset.Warnings) EditorGUILayout.HelpBox(warning, MessageType.Warning);
            if (!asset.IsValid) return;
            var d = asset.Description;
            if (d != null)
            {
                EditorGUILayout.LabelField("Contract version", d.ContractVersion.ToString());
                EditorGUILayout.LabelField("Dataset", d.Dataset ?? "—");
                EditorGUILayout.LabelField("Created by", d.CreatedBy ?? "—");
            }
            if (d == null || !d.IsImage) return;
            _seed = EditorGUILayout.LongField("Preview seed", _seed);
            _truncation = EditorGUILayout.Slider("Truncation ψ", _truncation, 0f, 1.5f);
            if (GUILayout.Button("Generate preview"))
            {
                if (_preview != null) DestroyImmediate(_preview);
                _preview = WasserforgeTextures.Generate(asset, (ulong)_seed, _truncation);
            }
            if (_preview != null) GUILayout.Label(_preview, GUILayout.Width(128), GUILayout.Height(128));
        }

        void OnDisable()
        {
            if (_preview != null) DestroyImmediate(_preview);
        }
    }
}
