using System.Collections.Generic;
using System.Globalization;

namespace Wasserforge.Contract
{
    /// <summary>An input or output of a model as any engine reports it: name, ONNX element type, shape (-1 for a dynamic dimension).</summary>
    internal sealed class TensorSignature
    {
        /// <summary>ONNX TensorProto element type 1 = float32.</summary>
        public const int Float32 = 1;

        /// <summary>The input or output name.</summary>
        public readonly string Name;
        /// <summary>ONNX element type, or -1 when the value is not a tensor.</summary>
        public readonly int ElementType;
        /// <summary>Dimensions (-1 dynamic); null when not a tensor or no shape is given.</summary>
        public readonly long[] Shape;

        /// <summary>A signature as an engine read it.</summary>
        public TensorSignature(string name, int elementType, long[] shape)
        {
            Name = name;
            ElementType = elementType;
            Shape = shape;
        }

        /// <summary>The shape as text, e.g. <c>[N, 64]</c> with N for dynamic dimensions.</summary>
        public string ShapeText()
        {
            if (Shape == null) return "(no shape)";
            var parts = new string[Shape.Length];
            for (var i = 0; i < Shape.Length; i++) parts[i] = Shape[i] < 0 ? "N" : Shape[i].ToString(CultureInfo.InvariantCulture);
            return "[" + string.Join(", ", parts) + "]";
        }

        /// <summary>ONNX element type name.</summary>
        public string ElementTypeName()
        {
            switch (ElementType)
            {
                case 1: return "float32";
                case 2: return "uint8";
                case 3: return "int8";
                case 4: return "uint16";
                case 5: return "int16";
                case 6: return "int32";
                case 7: return "int64";
                case 8: return "string";
                case 9: return "bool";
                case 10: return "float16";
                case 11: return "float64";
                case -1: return "not a tensor";
                default: return "type " + ElementType.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>
    /// The model contract's checks of a model's inputs, output and metadata, independent of the engine
    /// that reads the file: a float32 input <see cref="ModelContract.InputName"/> [N, latent_dim] with a
    /// dynamic N (texture models also a float32 <see cref="ModelContract.NoiseInputName"/>
    /// [N, noise_channels, h, w] with N, h and w dynamic), one float32 output
    /// <see cref="ModelContract.OutputName"/> whose shape agrees with the metadata
    /// (<see cref="GeneratorDescription.Parse"/>; a texture's H and W are dynamic).
    /// </summary>
    internal static class SignatureCheck
    {
        /// <summary>Checks the signature and metadata; returns the parsed description.</summary>
        /// <exception cref="ModelLoadException">Wrong input or output (names, types, shapes) or metadata; the message says what is wrong.</exception>
        public static GeneratorDescription Validate(IReadOnlyList<TensorSignature> inputs, IReadOnlyList<TensorSignature> outputs,
                                                    IReadOnlyDictionary<string, string> metadata, string source)
        {
            // The metadata says whether a second input is expected; parse errors of the inputs come first
            // for a one-input model, as before version 2.
            var texture = metadata != null && metadata.TryGetValue(MetadataKeys.Kind, out var kind) && kind == ModelContract.KindTexture;
            var expectIn = texture
                ? $"two float32 inputs, '{ModelContract.InputName}' shaped [N, latent_dim] and '{ModelContract.NoiseInputName}' shaped [N, noise_channels, h, w], with N, h and w dynamic"
                : $"one float32 input '{ModelContract.InputName}' shaped [N, latent_dim] with N dynamic";
            var input = Find(inputs, ModelContract.InputName);
            var noise = texture ? Find(inputs, ModelContract.NoiseInputName) : null;
            if (inputs.Count != (texture ? 2 : 1) || input == null || (texture && noise == null))
                throw new ModelLoadException(source, ModelLoadError.WrongInput, $"expected {expectIn}; the model has {Describe(inputs)}.");
            if (input.ElementType != TensorSignature.Float32)
                throw new ModelLoadException(source, ModelLoadError.WrongInput, $"input '{input.Name}' is {input.ElementTypeName()}; expected float32.");
            if (input.Shape == null || input.Shape.Length != 2 || input.Shape[0] >= 0)
                throw new ModelLoadException(source, ModelLoadError.WrongInput, $"input '{input.Name}' is shaped {input.ShapeText()}; expected [N, latent_dim] with a dynamic batch dimension N.");

            var expectOut = $"one float32 output '{ModelContract.OutputName}'";
            if (outputs.Count != 1 || outputs[0].Name != ModelContract.OutputName)
                throw new ModelLoadException(source, ModelLoadError.WrongOutput, $"expected {expectOut}; the model has {Describe(outputs)}.");
            var output = outputs[0];
            if (output.ElementType != TensorSignature.Float32)
                throw new ModelLoadException(source, ModelLoadError.WrongOutput, $"output '{output.Name}' is {output.ElementTypeName()}; expected float32.");

            var d = GeneratorDescription.Parse(metadata, source);

            if (input.Shape[1] >= 0 && input.Shape[1] != d.LatentDim)
                throw new ModelLoadException(source, ModelLoadError.WrongInput, $"input '{input.Name}' is shaped {input.ShapeText()} but the metadata says latent_dim = {d.LatentDim}.");
            if (d.IsTexture)
            {
                CheckTexture(noise, output, d, source);
            }
            else if (d.IsImage)
            {
                if (!Matches(output.Shape, new long[] { -1, d.Channels, d.Height, d.Width }))
                    throw new ModelLoadException(source, ModelLoadError.WrongOutput, $"output '{output.Name}' is shaped {output.ShapeText()}; the metadata describes images [N, {d.Channels}, {d.Height}, {d.Width}] (N, C, H, W) with a dynamic N.");
            }
            else if (!Matches(output.Shape, new long[] { -1, d.Channels }))
            {
                throw new ModelLoadException(source, ModelLoadError.WrongOutput, $"output '{output.Name}' is shaped {output.ShapeText()}; the metadata describes points [N, {d.Channels}] with a dynamic N.");
            }
            return d;
        }

        static void CheckTexture(TensorSignature noise, TensorSignature output, GeneratorDescription d, string source)
        {
            if (noise.ElementType != TensorSignature.Float32)
                throw new ModelLoadException(source, ModelLoadError.WrongInput, $"input '{noise.Name}' is {noise.ElementTypeName()}; expected float32.");
            var s = noise.Shape;
            if (s == null || s.Length != 4 || s[0] >= 0 || s[2] >= 0 || s[3] >= 0)
                throw new ModelLoadException(source, ModelLoadError.WrongInput,
                    $"input '{noise.Name}' is shaped {noise.ShapeText()}; expected [N, {d.NoiseChannels}, h, w] with N, h and w dynamic (the output size is chosen at generation time).");
            if (s[1] >= 0 && s[1] != d.NoiseChannels)
                throw new ModelLoadException(source, ModelLoadError.WrongInput, $"input '{noise.Name}' is shaped {noise.ShapeText()} but the metadata says noise_channels = {d.NoiseChannels}.");
            var o = output.Shape;
            if (o == null || o.Length != 4 || o[0] >= 0 || o[2] >= 0 || o[3] >= 0 || (o[1] >= 0 && o[1] != d.Channels))
                throw new ModelLoadException(source, ModelLoadError.WrongOutput,
                    $"output '{output.Name}' is shaped {output.ShapeText()}; the metadata describes textures [N, {d.Channels}, H, W] with N, H and W dynamic.");
        }

        static TensorSignature Find(IReadOnlyList<TensorSignature> infos, string name)
        {
            for (var i = 0; i < infos.Count; i++)
                if (infos[i].Name == name) return infos[i];
            return null;
        }

        static bool Matches(long[] shape, long[] want)
        {
            if (shape == null || shape.Length != want.Length) return false;
            if (shape[0] >= 0) return false;                                  // batch must be dynamic
            for (var i = 1; i < want.Length; i++)
                if (shape[i] >= 0 && shape[i] != want[i]) return false;        // a dynamic dimension is taken from the metadata
            return true;
        }

        static string Describe(IReadOnlyList<TensorSignature> infos)
        {
            if (infos.Count == 0) return "none";
            var parts = new string[infos.Count];
            for (var i = 0; i < infos.Count; i++) parts[i] = $"'{infos[i].Name}' ({infos[i].ElementTypeName()} {infos[i].ShapeText()})";
            return string.Join(", ", parts);
        }
    }
}
