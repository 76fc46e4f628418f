namespace Wasserforge.Contract
{
    /// <summary>
    /// The generator model contract, defined once: the trainer's exporter writes it and the
    /// runtime's loader checks it. See <c>Documentation~/model-contract.md</c>.
    /// </summary>
    public static class ModelContract
    {
        /// <summary>The contract version this build writes and reads.</summary>
        public const int Version = 1;

        /// <summary>The oldest contract version this build can still load.</summary>
        public const int MinSupportedVersion = 1;

        /// <summary>Name of the single input: float32 <c>[N, latent_dim]</c>, N dynamic.</summary>
        public const string InputName = "z";

        /// <summary>
        /// Name of the single output: float32 <c>[N, C, H, W]</c> in [-1, 1] with C = 1, 3 or 4 for
        /// image generators; any other shape <c>[N, ...]</c> for non-image generators.
        /// </summary>
        public const string OutputName = "image";

        /// <summary>The ONNX opset the exporter targets (at most 15, for Unity's own inference engine too).</summary>
        public const int OpsetVersion = 13;

        /// <summary>Producer name written into exported files.</summary>
        public const string ProducerName = "wasserforge";

        /// <summary>Output kind of an image generator (<see cref="MetadataKeys.Kind"/>).</summary>
        public const string KindImage = "image";

        /// <summary>Output kind of a generator of plain vectors such as 2-D toy data (<see cref="MetadataKeys.Kind"/>).</summary>
        public const string KindPoints = "points";

        /// <summary>Colour space value: pixels are sRGB-encoded (the default for textures and sprites).</summary>
        public const string ColorSpaceSrgb = "srgb";

        /// <summary>Colour space value: pixels are linear.</summary>
        public const string ColorSpaceLinear = "linear";

        /// <summary>
        /// The largest latent length (and point dimension) a model may declare: 65,536 floats, 256 KiB
        /// per sample and 128 times the largest latent in common GAN use (512). A larger value comes from
        /// a damaged or hand-edited file, and every latent batch made for it would take gigabytes.
        /// </summary>
        public const int MaxLatentDim = 65536;

        /// <summary>
        /// The largest image width or height a model may declare: 8,192 pixels. One 8192 × 8192 RGBA
        /// sample is already 1 GiB of model output floats; GAN generators stay far below (1,024 px).
        /// </summary>
        public const int MaxImageSide = 8192;
    }

    /// <summary>Keys of the ONNX <c>metadata_props</c> that the contract defines.</summary>
    public static class MetadataKeys
    {
        /// <summary>Integer contract version (required).</summary>
        public const string ContractVersion = "wasserforge.contract_version";
        /// <summary><c>image</c> or <c>points</c> (required).</summary>
        public const string Kind = "wasserforge.kind";
        /// <summary>Latent dimension, a positive integer equal to the input's second dimension (required).</summary>
        public const string LatentDim = "wasserforge.latent_dim";
        /// <summary>Image width in pixels (required for images).</summary>
        public const string Width = "wasserforge.width";
        /// <summary>Image height in pixels (required for images).</summary>
        public const string Height = "wasserforge.height";
        /// <summary>Image channels: 1, 3 or 4 (required for images).</summary>
        public const string Channels = "wasserforge.channels";
        /// <summary><c>srgb</c> or <c>linear</c> (optional, default srgb).</summary>
        public const string ColorSpace = "wasserforge.color_space";
        /// <summary><c>true</c> when every output tiles seamlessly (optional, default false).</summary>
        public const string Tileable = "wasserforge.tileable";
        /// <summary>Range of output values as <c>min,max</c> (optional, default <c>-1,1</c>).</summary>
        public const string ValueRange = "wasserforge.value_range";
        /// <summary>Training fact: dataset name or folder (optional).</summary>
        public const string Dataset = "wasserforge.train.dataset";
        /// <summary>Training fact: loss name such as <c>wgan-gp</c> (optional).</summary>
        public const string Loss = "wasserforge.train.loss";
        /// <summary>Training fact: generator iterations trained (optional).</summary>
        public const string Steps = "wasserforge.train.steps";
        /// <summary>Training fact: tool and version that wrote the file (optional).</summary>
        public const string CreatedBy = "wasserforge.created_by";
    }
}
