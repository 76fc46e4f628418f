using System.IO;
using UnityEditor.AssetImporters;
using UnityEngine;
using Wasserforge.Unity;

namespace Wasserforge.Editor
{
    /// <summary>
    /// Imports a generator <c>.onnx</c> file as a <see cref="GeneratorAsset"/>: the bytes, the parsed
    /// metadata, and validation messages (a broken model imports with its error shown, never throws).
    /// When Unity Sentis (which also imports .onnx) is installed, pick this importer per file in the
    /// Inspector's importer drop-down.
    /// </summary>
#if WASSERFORGE_SENTIS_PRESENT
    [ScriptedImporter(1, new string[0], new[] { "onnx" })]
#else
    [ScriptedImporter(1, "onnx")]
#endif
    public sealed class OnnxGeneratorImporter : ScriptedImporter
    {
        /// <inheritdoc/>
        public override void OnImportAsset(AssetImportContext ctx)
        {
            var bytes = File.ReadAllBytes(ctx.assetPath);
            var asset = ScriptableObject.CreateInstance<GeneratorAsset>();
            var result = GeneratorValidation.Validate(bytes, ctx.assetPath);
            asset.Initialize(bytes, result.Description, result.Errors);
            foreach (var error in result.Errors) ctx.LogImportError(error);
            ctx.AddObjectToAsset("generator", asset);
            ctx.SetMainObject(asset);
        }
    }
}
