using System;
using System.Collections.Generic;
using Wasserforge.Contract;

namespace Wasserforge.Editor
{
    /// <summary>
    /// Loads a model once on the CPU to check it against the contract and turns every failure into a
    /// message naming the file. Engine-free (tested as plain .NET); the importer only forwards to it.
    /// </summary>
    public static class GeneratorValidation
    {
        /// <summary>The description (null when invalid) and the messages to show.</summary>
        public struct Result
        {
            /// <summary>What the metadata says (null when the model is invalid).</summary>
            public GeneratorDescription Description;
            /// <summary>Why the model cannot be used; empty when it can.</summary>
            public string[] Errors;
            /// <summary>Things that work but may surprise.</summary>
            public string[] Warnings;
        }

        /// <summary>
        /// The custom asset dependency every imported generator declares. Its value is the hash of
        /// <see cref="RuntimeState"/>, registered when the editor loads, so every generator asset is
        /// validated again when the runtime it was checked with changes: for instance a model imported
        /// while ONNX Runtime could not load is re-checked once it can.
        /// </summary>
        public const string RuntimeDependency = "wasserforge/onnxruntime-state";

        /// <summary>
        /// What models are validated with here: "ONNX Runtime 1.29.0 (CPUExecutionProvider, …)", or
        /// "unavailable: " and why ONNX Runtime cannot be loaded. Never throws.
        /// </summary>
        public static string RuntimeState()
        {
            try { return GeneratorModel.DescribeRuntime(); }
            catch (Exception e) { return "unavailable: " + e.Message; }
        }

        /// <summary>Validates ONNX bytes. Never throws: a missing or broken model, or a missing ONNX Runtime library, becomes an error message.</summary>
        public static Result Validate(byte[] onnx, string path)
        {
            if (onnx == null || onnx.Length == 0)
                return Failed(path + ": the file is empty; export the generator again.");
            try
            {
                using (var model = GeneratorModel.Load(onnx, new GeneratorOptions { Device = ExecutionDevice.Cpu }, path))
                    return new Result { Description = model.Description, Errors = new string[0], Warnings = WarningsFor(model.Description, path) };
            }
            catch (ModelLoadException e) { return Failed(e.Message); }
            catch (WasserforgeException e) { return Failed(path + ": " + e.Message); }
            catch (Exception e) { return Failed(path + ": could not be checked (" + e.GetType().Name + ": " + e.Message + ")."); }
        }

        static Result Failed(string message) => new Result { Errors = new[] { message }, Warnings = new string[0] };

        static string[] WarningsFor(GeneratorDescription d, string path)
        {
            var w = new List<string>();
            if (!d.IsImage) w.Add(path + $": a {d.Channels}-D point generator; it has no texture form (use GeneratorModel.Generate for its values).");
            else if (d.ColorSpace == ModelContract.ColorSpaceLinear) w.Add(path + ": values are linear, not sRGB; create textures with linear = true.");
            if (d.IsTexture) w.Add(path + $": a texture model (any size, multiples of {d.NoiseScale} px, seamless): it runs on ONNX Runtime; Device = Deterministic refuses it.");
            return w.ToArray();
        }
    }
}
