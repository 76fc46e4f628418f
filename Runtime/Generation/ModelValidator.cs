using Wasserforge.Contract;

namespace Wasserforge.Generation
{
    /// <summary>Checks what a loaded model declares against the model contract and says exactly what is wrong.</summary>
    internal static class ModelValidator
    {
        /// <exception cref="ModelLoadException">Wrong input or output (names, types, shapes) or metadata.</exception>
        public static GeneratorDescription Validate(ModelSignature model, string source)
        {
            var expectIn = $"one float32 input '{ModelContract.InputName}' shaped [N, latent_dim] with N dynamic";
            if (model.Inputs.Length != 1 || model.Inputs[0].Name != ModelContract.InputName)
                throw new ModelLoadException(source, ModelLoadError.WrongInput, $"expected {expectIn}; the model has {Describe(model.Inputs)}.");
            var input = model.Inputs[0];
            if (input.ElementType != TensorSignature.Float32)
                throw new ModelLoadException(source, ModelLoadError.WrongInput, $"input '{input.Name}' is {input.ElementTypeName()}; expected float32.");
            if (input.Shape.Length != 2 || input.Shape[0] >= 0)
                throw new ModelLoadException(source, ModelLoadError.WrongInput, $"input '{input.Name}' is shaped {input.ShapeText()}; expected [N, latent_dim] with a dynamic batch dimension N.");

            var expectOut = $"one float32 output '{ModelContract.OutputName}'";
            if (model.Outputs.Length != 1 || model.Outputs[0].Name != ModelContract.OutputName)
                throw new ModelLoadException(source, ModelLoadError.WrongOutput, $"expected {expectOut}; the model has {Describe(model.Outputs)}.");
            var output = model.Outputs[0];
            if (output.ElementType != TensorSignature.Float32)
                throw new ModelLoadException(source, ModelLoadError.WrongOutput, $"output '{output.Name}' is {output.ElementTypeName()}; expected float32.");

            var d = GeneratorDescription.Parse(model.Metadata, source);

            if (input.Shape[1] >= 0 && input.Shape[1] != d.LatentDim)
                throw new ModelLoadException(source, ModelLoadError.WrongInput, $"input '{input.Name}' is shaped {input.ShapeText()} but the metadata says latent_dim = {d.LatentDim}.");
            if (!Matches(output.Shape, SampleShape(d)))
            {
                throw new ModelLoadException(source, ModelLoadError.WrongOutput, d.IsImage
                    ? $"output '{output.Name}' is shaped {output.ShapeText()}; the metadata describes images [N, {d.Channels}, {d.Height}, {d.Width}] (N, C, H, W) with a dynamic N."
                    : $"output '{output.Name}' is shaped {output.ShapeText()}; the metadata describes points [N, {d.Channels}] with a dynamic N.");
            }
            return d;
        }

        /// <summary>One sample's output shape as the contract fixes it: [C, H, W] for images, [C] for points.</summary>
        public static long[] SampleShape(GeneratorDescription d) =>
            d.IsImage ? new long[] { d.Channels, d.Height, d.Width } : new long[] { d.Channels };

        static bool Matches(long[] shape, long[] sample)
        {
            if (shape == null || shape.Length != sample.Length + 1) return false;
            if (shape[0] >= 0) return false;                          // batch must be dynamic
            for (var i = 0; i < sample.Length; i++)
                if (shape[i + 1] >= 0 && shape[i + 1] != sample[i]) return false;   // a dynamic dimension is taken from the metadata
            return true;
        }

        static string Describe(TensorSignature[] infos)
        {
            if (infos.Length == 0) return "none";
            var parts = new string[infos.Length];
            for (var i = 0; i < infos.Length; i++) parts[i] = $"'{infos[i].Name}' ({infos[i].ElementTypeName()} {infos[i].ShapeText()})";
            return string.Join(", ", parts);
        }
    }
}
