using System;
using System.Collections.Generic;
using System.Globalization;

namespace Wasserforge.Contract
{
    /// <summary>
    /// What a generator model says about itself through its ONNX metadata: latent size, output
    /// layout and training facts. The exporter writes it with <see cref="ToMetadata"/>; the loader
    /// reads and checks it with <see cref="Parse"/>.
    /// </summary>
    public sealed class GeneratorDescription
    {
        /// <summary>Contract version the model was written for.</summary>
        public int ContractVersion { get; set; } = ModelContract.Version;
        /// <summary><see cref="ModelContract.KindImage"/>, <see cref="ModelContract.KindTexture"/> or <see cref="ModelContract.KindPoints"/>.</summary>
        public string Kind { get; set; } = ModelContract.KindImage;
        /// <summary>Length of a latent vector.</summary>
        public int LatentDim { get; set; }
        /// <summary>Image width in pixels (0 for point generators); for textures the training crop, the default output width.</summary>
        public int Width { get; set; }
        /// <summary>Image height in pixels (0 for point generators); for textures the training crop, the default output height.</summary>
        public int Height { get; set; }
        /// <summary>Image channels: 1 (gray), 3 (RGB) or 4 (RGBA); for point generators, the vector length.</summary>
        public int Channels { get; set; }
        /// <summary><c>srgb</c> or <c>linear</c>.</summary>
        public string ColorSpace { get; set; } = ModelContract.ColorSpaceSrgb;
        /// <summary>True when every generated image tiles seamlessly.</summary>
        public bool Tileable { get; set; }
        /// <summary>Smallest output value (normally -1).</summary>
        public float ValueMin { get; set; } = -1f;
        /// <summary>Largest output value (normally 1).</summary>
        public float ValueMax { get; set; } = 1f;
        /// <summary>Texture models: channels of the local noise input (0 otherwise).</summary>
        public int NoiseChannels { get; set; }
        /// <summary>Texture models: output pixels per noise cell along each axis, a power of two (0 otherwise).</summary>
        public int NoiseScale { get; set; }
        /// <summary>Texture models: receptive-field radius in noise cells; tiles with this halo are exact (0 otherwise).</summary>
        public int NoiseHalo { get; set; }
        /// <summary>Texture models: the local-noise layout (<see cref="ModelContract.NoiseLayoutWf1"/>); null otherwise.</summary>
        public string NoiseLayout { get; set; }
        /// <summary>Training fact: dataset (may be null).</summary>
        public string Dataset { get; set; }
        /// <summary>Training fact: loss (may be null).</summary>
        public string Loss { get; set; }
        /// <summary>Training fact: generator iterations (0 when unknown).</summary>
        public long Steps { get; set; }
        /// <summary>Tool and version that wrote the model (may be null).</summary>
        public string CreatedBy { get; set; }

        /// <summary>True for generators of images: <see cref="ModelContract.KindImage"/> and <see cref="ModelContract.KindTexture"/>.</summary>
        public bool IsImage => Kind == ModelContract.KindImage || IsTexture;

        /// <summary>True for texture generators (<see cref="ModelContract.KindTexture"/>): any output size, seamless.</summary>
        public bool IsTexture => Kind == ModelContract.KindTexture;

        /// <summary>Floats in one generated sample: C·H·W for images (textures: at the default size), <see cref="Channels"/> for points.</summary>
        public int ValuesPerSample => IsImage ? checked(Channels * Width * Height) : Channels;

        /// <summary>Writes the description as ONNX metadata key/value pairs.</summary>
        public Dictionary<string, string> ToMetadata()
        {
            var ci = CultureInfo.InvariantCulture;
            var m = new Dictionary<string, string>
            {
                [MetadataKeys.ContractVersion] = ContractVersion.ToString(ci),
                [MetadataKeys.Kind] = Kind,
                [MetadataKeys.LatentDim] = LatentDim.ToString(ci),
                [MetadataKeys.Channels] = Channels.ToString(ci),
                [MetadataKeys.ValueRange] = ValueMin.ToString("R", ci) + "," + ValueMax.ToString("R", ci),
            };
            if (IsImage)
            {
                m[MetadataKeys.Width] = Width.ToString(ci);
                m[MetadataKeys.Height] = Height.ToString(ci);
                m[MetadataKeys.ColorSpace] = ColorSpace;
                m[MetadataKeys.Tileable] = Tileable || IsTexture ? "true" : "false";
            }
            if (IsTexture)
            {
                m[MetadataKeys.NoiseChannels] = NoiseChannels.ToString(ci);
                m[MetadataKeys.NoiseScale] = NoiseScale.ToString(ci);
                m[MetadataKeys.NoiseHalo] = NoiseHalo.ToString(ci);
                m[MetadataKeys.NoiseLayout] = NoiseLayout ?? ModelContract.NoiseLayoutWf1;
            }
            if (!string.IsNullOrEmpty(Dataset)) m[MetadataKeys.Dataset] = Dataset;
            if (!string.IsNullOrEmpty(Loss)) m[MetadataKeys.Loss] = Loss;
            if (Steps > 0) m[MetadataKeys.Steps] = Steps.ToString(ci);
            if (!string.IsNullOrEmpty(CreatedBy)) m[MetadataKeys.CreatedBy] = CreatedBy;
            return m;
        }

        /// <summary>
        /// Reads and checks a description from ONNX metadata.
        /// </summary>
        /// <param name="metadata">The model's custom metadata map.</param>
        /// <param name="filePath">The file being loaded, for error messages (null for memory).</param>
        /// <exception cref="ModelLoadException">
        /// <see cref="ModelLoadError.MissingMetadata"/> when a required key is absent,
        /// <see cref="ModelLoadError.InvalidMetadata"/> when a value cannot be parsed or is out of range,
        /// <see cref="ModelLoadError.UnsupportedVersion"/> when the contract version is newer than
        /// <see cref="ModelContract.Version"/> or older than <see cref="ModelContract.MinSupportedVersion"/>.
        /// </exception>
        public static GeneratorDescription Parse(IReadOnlyDictionary<string, string> metadata, string filePath)
        {
            if (metadata == null) throw new ArgumentNullException(nameof(metadata));
            var d = new GeneratorDescription();
            d.ContractVersion = RequiredInt(metadata, MetadataKeys.ContractVersion, filePath, 0);
            if (d.ContractVersion > ModelContract.Version)
                throw new ModelLoadException(filePath, ModelLoadError.UnsupportedVersion,
                    $"the model uses contract version {d.ContractVersion}, but this Wasserforge supports up to version {ModelContract.Version}. Upgrade the Wasserforge package to load it.");
            if (d.ContractVersion < ModelContract.MinSupportedVersion)
                throw new ModelLoadException(filePath, ModelLoadError.UnsupportedVersion,
                    $"the model uses contract version {d.ContractVersion}, older than the oldest supported ({ModelContract.MinSupportedVersion}). Re-export it with the current trainer.");

            d.Kind = Required(metadata, MetadataKeys.Kind, filePath);
            if (d.Kind != ModelContract.KindImage && d.Kind != ModelContract.KindPoints && d.Kind != ModelContract.KindTexture)
                throw Invalid(filePath, MetadataKeys.Kind, d.Kind, $"'{ModelContract.KindImage}', '{ModelContract.KindTexture}' or '{ModelContract.KindPoints}'");
            if (d.IsTexture && d.ContractVersion < ModelContract.TextureMinVersion)
                throw Invalid(filePath, MetadataKeys.Kind, d.Kind, $"'{ModelContract.KindImage}' or '{ModelContract.KindPoints}' in a contract version {d.ContractVersion} file (textures need version {ModelContract.TextureMinVersion})");
            // Sizes are bounded here, at load and before anything is allocated for them (ModelContract's limits say why).
            d.LatentDim = RequiredInt(metadata, MetadataKeys.LatentDim, filePath, 1, ModelContract.MaxLatentDim, LatentLimit);
            d.Channels = RequiredInt(metadata, MetadataKeys.Channels, filePath, 1, ModelContract.MaxLatentDim, LatentLimit);
            if (d.IsImage)
            {
                if (d.Channels != 1 && d.Channels != 3 && d.Channels != 4)
                    throw Invalid(filePath, MetadataKeys.Channels, metadata[MetadataKeys.Channels], "1, 3 or 4 for an image generator");
                d.Width = RequiredInt(metadata, MetadataKeys.Width, filePath, 1, ModelContract.MaxImageSide, SideLimit);
                d.Height = RequiredInt(metadata, MetadataKeys.Height, filePath, 1, ModelContract.MaxImageSide, SideLimit);
                if (metadata.TryGetValue(MetadataKeys.ColorSpace, out var cs))
                {
                    if (cs != ModelContract.ColorSpaceSrgb && cs != ModelContract.ColorSpaceLinear)
                        throw Invalid(filePath, MetadataKeys.ColorSpace, cs, "'srgb' or 'linear'");
                    d.ColorSpace = cs;
                }
                if (metadata.TryGetValue(MetadataKeys.Tileable, out var t))
                {
                    if (t != "true" && t != "false") throw Invalid(filePath, MetadataKeys.Tileable, t, "'true' or 'false'");
                    d.Tileable = t == "true";
                }
                if (d.IsTexture) ParseTexture(d, metadata, filePath);
            }
            if (metadata.TryGetValue(MetadataKeys.ValueRange, out var range))
            {
                var parts = range.Split(',');
                if (parts.Length != 2
                    || !float.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lo)
                    || !float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var hi)
                    || !(lo < hi))
                    throw Invalid(filePath, MetadataKeys.ValueRange, range, "'min,max' with min < max, e.g. '-1,1'");
                d.ValueMin = lo;
                d.ValueMax = hi;
            }
            metadata.TryGetValue(MetadataKeys.Dataset, out var dataset);
            metadata.TryGetValue(MetadataKeys.Loss, out var loss);
            metadata.TryGetValue(MetadataKeys.CreatedBy, out var createdBy);
            d.Dataset = dataset;
            d.Loss = loss;
            d.CreatedBy = createdBy;
            if (metadata.TryGetValue(MetadataKeys.Steps, out var steps))
            {
                if (!long.TryParse(steps, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) || s < 0)
                    throw Invalid(filePath, MetadataKeys.Steps, steps, "a non-negative integer");
                d.Steps = s;
            }
            return d;
        }

        /// <summary>The texture keys: noise channels, scale and halo, layout; a texture always tiles, and its default size is whole noise cells.</summary>
        static void ParseTexture(GeneratorDescription d, IReadOnlyDictionary<string, string> metadata, string filePath)
        {
            if (metadata.TryGetValue(MetadataKeys.Tileable, out var t) && t != "true")
                throw Invalid(filePath, MetadataKeys.Tileable, t, "'true' for a texture generator (its output tiles by construction)");
            d.Tileable = true;
            d.NoiseChannels = RequiredInt(metadata, MetadataKeys.NoiseChannels, filePath, 1, ModelContract.MaxLatentDim, LatentLimit);
            d.NoiseScale = RequiredInt(metadata, MetadataKeys.NoiseScale, filePath, 1, ModelContract.MaxNoiseScale, "pixels per noise cell");
            if ((d.NoiseScale & (d.NoiseScale - 1)) != 0)
                throw Invalid(filePath, MetadataKeys.NoiseScale, metadata[MetadataKeys.NoiseScale], "a power of two (pixels per noise cell)");
            d.NoiseHalo = RequiredInt(metadata, MetadataKeys.NoiseHalo, filePath, 0, ModelContract.MaxNoiseHalo, "the receptive-field radius in noise cells");
            if (d.Width % d.NoiseScale != 0 || d.Height % d.NoiseScale != 0)
                throw new ModelLoadException(filePath, ModelLoadError.InvalidMetadata,
                    $"metadata '{MetadataKeys.Width}' x '{MetadataKeys.Height}' ({d.Width} x {d.Height}) is not a whole number of noise cells of '{MetadataKeys.NoiseScale}' = {d.NoiseScale} pixels.");
            d.NoiseLayout = ModelContract.NoiseLayoutWf1;
            if (metadata.TryGetValue(MetadataKeys.NoiseLayout, out var layout) && layout != ModelContract.NoiseLayoutWf1)
                throw new ModelLoadException(filePath, ModelLoadError.UnsupportedVersion,
                    $"metadata '{MetadataKeys.NoiseLayout}' is '{layout}'; this Wasserforge knows only '{ModelContract.NoiseLayoutWf1}'. Upgrade the Wasserforge package to load it.");
        }

        static string Required(IReadOnlyDictionary<string, string> m, string key, string filePath)
        {
            if (!m.TryGetValue(key, out var v) || string.IsNullOrEmpty(v))
                throw new ModelLoadException(filePath, ModelLoadError.MissingMetadata,
                    $"metadata key '{key}' is missing. Models must be exported by the Wasserforge trainer (see Documentation~/model-contract.md).");
            return v;
        }

        const string LatentLimit = "the largest latent or point size this runtime accepts: 65,536 floats is 256 KiB per sample, 128 times the largest latent in common GAN use, so a larger value means a damaged or hand-edited file";
        const string SideLimit = "the largest image side this runtime accepts: one 8192 x 8192 RGBA sample is already 1 GiB of model output";

        static int RequiredInt(IReadOnlyDictionary<string, string> m, string key, string filePath, int min, int max = int.MaxValue, string why = null)
        {
            var v = Required(m, key, filePath);
            if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) || i < min || i > max)
                throw Invalid(filePath, key, v, why == null ? $"an integer >= {min}" : $"an integer from {min} to {max.ToString(CultureInfo.InvariantCulture)} ({why})");
            return i;
        }

        static ModelLoadException Invalid(string filePath, string key, string value, string expected) =>
            new ModelLoadException(filePath, ModelLoadError.InvalidMetadata, $"metadata '{key}' is '{value}', expected {expected}.");
    }
}
