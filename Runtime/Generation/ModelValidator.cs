using Wasserforge.Contract;
using Wasserforge.Onnx;

namespace Wasserforge.Generation
{
    /// <summary>Checks a loaded session against the model contract and says exactly what is wrong.</summary>
    internal static class ModelValidator
    {
        /// <exception cref="ModelLoadException">Wrong input or output (names, types, shapes) or metadata.</exception>
        public static GeneratorDescription Validate(OrtSession session, string source)
        {
            var expectIn = $"one float32 input '{ModelContract.InputName}' shaped [N, latent_dim] with N dynamic";
            if (session.Inputs.Length != 1 || session.Inputs[0].Name != ModelContract.InputName)
                throw new ModelLoadException(source, ModelLoadError.WrongInput, $"expected {expectIn}; the model has {Describe(session.Inputs)}.");
            var input = session.Inputs[0];
            if (input.ElementType != OrtTensorInfo.Float32)
                throw new ModelLoadException(source, ModelLoadError.WrongInput, $"input '{input.Name}' is {input.ElementTypeName()}; expected float32.");
            if (input.Shape.Length != 2 || input.Shape[0] >= 0)
                throw new ModelLoadException(source, ModelLoadError.WrongInput, $"input '{input.Name}' is shaped {input.ShapeText()}; expected [N, latent_dim] with a dynamic batch dimension N.");

            var expectOut = $"one float32 output '{ModelContract.OutputName}'";
            if (session.Outputs.Length != 1 || session.Outputs[0].Name != ModelContract.OutputName)
                throw new ModelLoadException(source, ModelLoadError.WrongOutput, $"expected {expectOut}; the model has {Describe(session.Outputs)}.");
            var output = session.Outputs[0];
            if (output.ElementType != OrtTensorInfo.Float32)
                throw new ModelLoadException(source, ModelLoadError.WrongOutput, $"output '{output.Name}' is {output.ElementTypeName()}; expected float32.");

            var d = GeneratorDescription.Parse(session.Metadata, source);

            if (input.Shape[1] >= 0 && input.Shape[1] != d.LatentDim)
                throw new ModelLoadException(source, ModelLoadError.WrongInput, $"input '{input.Name}' is shaped {input.ShapeText()} but the metadata says latent_dim = {d.LatentDim}.");
            if (d.IsImage)
            {
                var want = new long[] { -1, d.Channels, d.Height, d.Width };
                if (!Matches(output.Shape, want))
                    throw new ModelLoadException(source, ModelLoadError.WrongOutput, $"output '{output.Name}' is shaped {output.ShapeText()}; the metadata describes images [N, {d.Channels}, {d.Height}, {d.Width}] (N, C, H, W) with a dynamic N.");
            }
            else if (!Matches(output.Shape, new long[] { -1, d.Channels }))
            {
                throw new ModelLoadException(source, ModelLoadError.WrongOutput, $"output '{output.Name}' is shaped {output.ShapeText()}; the metadata describes points [N, {d.Channels}] with a dynamic N.");
            }
            return d;
        }

        static bool Matches(long[] shape, long[] want)
        {
            if (shape == null || shape.Length != want.Length) return false;
            if (shape[0] >= 0) return false;                        // batch must be dynamic
            for (var i = 1; i < want.Length; i++)
                if (shape[i] >= 0 && shape[i] != want[i]) return false;   // a dynamic dimension is taken from the metadata
            return true;
        }

        static string Describe(OrtTensorInfo[] infos)
        {
            if (infos.Length == 0) return "none";
            var parts = new string[infos.Length];
            for (var i = 0; i < infos.Length; i++) parts[i] = $"'{infos[i].Name}' ({infos[i].ElementTypeName()} {infos[i].ShapeText()})";
            return string.Join(", ", parts);
        }
    }
}
