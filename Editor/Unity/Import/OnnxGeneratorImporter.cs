using System;
using System.IO;
using UnityEditor.AssetImporters;
using UnityEngine;
using Wasserforge.Unity;

namespace Wasserforge.Editor
{
    /// <summary>
    /// Imports a generator <c>.onnx</c> file as a <see cref="GeneratorAsset"/>: the bytes, the parsed
    /// metadata, and validation messages. A broken model imports with its error shown in the inspector
    /// and the console, and never throws. Files whose import settings carry the user data
    /// <see cref="ExpectedInvalid"/> (the package's deliberately broken test fixtures) show their error
    /// in the inspector only.
    /// Each import depends on <see cref="GeneratorValidation.RuntimeDependency"/>, so assets imported
    /// before ONNX Runtime could load are validated again once it can (<see cref="RuntimeDependencyRegistration"/>).
    /// When another package that imports .onnx is present (Sentis / Inference Engine, Barracuda), this
    /// importer steps back to an override: pick it per file in the Inspector's importer drop-down.
    /// </summary>
#if WASSERFORGE_SENTIS_PRESENT || WASSERFORGE_INFERENCE_ENGINE_PRESENT || WASSERFORGE_BARRACUDA_PRESENT
    [ScriptedImporter(3, new string[0], new[] { "onnx" })]
#else
    [ScriptedImporter(3, "onnx")]
#endif
    public sealed class OnnxGeneratorImporter : ScriptedImporter
    {
        /// <summary>Import user data marking a model that is broken on purpose (a test fixture).</summary>
        public const string ExpectedInvalid = "wasserforge:expected-invalid";

        /// <inheritdoc/>
        public override void OnImportAsset(AssetImportContext ctx)
        {
            ctx.DependsOnCustomDependency(GeneratorValidation.RuntimeDependency);
            byte[] bytes;
            GeneratorValidation.Result result;
            try
            {
                bytes = File.ReadAllBytes(ctx.assetPath);
                result = GeneratorValidation.Validate(bytes, ctx.assetPath);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                bytes = new byte[0];
                result = new GeneratorValidation.Result { Errors = new[] { ctx.assetPath + ": cannot be read (" + e.Message + ")." }, Warnings = new string[0] };
            }
            var asset = ScriptableObject.CreateInstance<GeneratorAsset>();
            asset.Initialize(bytes, result.Description, result.Errors, result.Warnings);
            if (userData != ExpectedInvalid)
            {
                foreach (var error in result.Errors) ctx.LogImportError(error, asset);
                foreach (var warning in result.Warnings) ctx.LogImportWarning(warning, asset);
            }
            ctx.AddObjectToAsset("generator", asset);
            ctx.SetMainObject(asset);
        }
    }
}
