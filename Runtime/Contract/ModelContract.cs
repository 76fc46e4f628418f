namespace Wasserforge.Contract
{
    /// <summary>
    /// The generator model contract, defined once: the trainer's exporter writes it and the
    /// runtime's loader checks it. See <c>Documentation~/model-contract.md</c>.
    /// </summary>
    public static class ModelContract
    {
        /// <summary>The contract version this build writes and reads.</summary>
        public const int Version = 2;

        /// <summary>The oldest contract version this build can still load.</summary>
        public const int MinSupportedVersion = 1;

        /// <summary>Name of the (global) latent input: float32 <c>[N, latent_dim]</c>, N dynamic.</summary>
        public const string InputName = "z";

        /// <summary>
        /// Name of a texture generator's second input, the local noise: float32
        /// <c>[N, noise_channels, h, w]</c> with N, h and w dynamic (<see cref="KindTexture"/> only).
        /// </summary>
        public const string NoiseInputName = "noise";

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

        /// <summary>
        /// Output kind of a texture generator (contract version 2): a fully convolutional image generator fed
        /// the global code <see cref="InputName"/> and spatial noise <see cref="NoiseInputName"/>, whose output
        /// size is chosen at generation time and which tiles seamlessly (<see cref="MetadataKeys.Kind"/>).
        /// </summary>
        public const string KindTexture = "texture";

        /// <summary>The first contract version that knows <see cref="KindTexture"/>.</summary>
        public const int TextureMinVersion = 2;

        /// <summary>Local-noise layout value: counter-based cells from wf-normal-1 (<see cref="Latent.TextureNoise"/>).</summary>
        public const string NoiseLayoutWf1 = "wf-noise-1";

        /// <summary>
        /// The noise seed <see cref="GeneratorModel.Generate"/> and <see cref="GeneratorModel.GenerateRgba32"/>
        /// use on a texture model (one fixed arrangement of local noise for every latent, so seeded sampling,
        /// interpolation, grids and the explorer vary the global code alone).
        /// </summary>
        public const ulong DefaultNoiseSeed = 0;

        /// <summary>
        /// The largest texture width or height generated from a texture model: 16,384 pixels, Unity's
        /// largest Texture2D (one 16384 x 16384 RGBA texture is already 1 GiB of bytes and 4 GiB of floats).
        /// </summary>
        public const int MaxTextureSide = 16384;

        /// <summary>The largest noise halo (receptive-field radius in noise cells) a texture model may declare.</summary>
        public const int MaxNoiseHalo = 64;

        /// <summary>The largest noise scale (pixels per noise cell, a power of two) a texture model may declare.</summary>
        public const int MaxNoiseScale = 256;

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
        /// <summary><c>image</c>, <c>texture</c> (version 2) or <c>points</c> (required).</summary>
        public const string Kind = "wasserforge.kind";
        /// <summary>Latent dimension, a positive integer equal to the input's second dimension (required).</summary>
        public const string LatentDim = "wasserforge.latent_dim";
        /// <summary>Image width in pixels (required for images; for textures the training crop, the default output width).</summary>
        public const string Width = "wasserforge.width";
        /// <summary>Image height in pixels (required for images; for textures the training crop, the default output height).</summary>
        public const string Height = "wasserforge.height";
        /// <summary>Image channels: 1, 3 or 4 (required for images).</summary>
        public const string Channels = "wasserforge.channels";
        /// <summary><c>srgb</c> or <c>linear</c> (optional, default srgb).</summary>
        public const string ColorSpace = "wasserforge.color_space";
        /// <summary><c>true</c> when every output tiles seamlessly (optional, default false).</summary>
        public const string Tileable = "wasserforge.tileable";
        /// <summary>Range of output values as <c>min,max</c> (optional, default <c>-1,1</c>).</summary>
        public const string ValueRange = "wasserforge.value_range";
        /// <summary>Texture models: channels of the noise input, its second dimension (required).</summary>
        public const string NoiseChannels = "wasserforge.noise_channels";
        /// <summary>Texture models: output pixels per noise cell along each axis, a power of two (required).</summary>
        public const string NoiseScale = "wasserforge.noise_scale";
        /// <summary>Texture models: receptive-field radius in noise cells, rounded up; tiles with this halo are exact (required).</summary>
        public const string NoiseHalo = "wasserforge.noise_halo";
        /// <summary>Texture models: the local-noise layout, <c>wf-noise-1</c> (optional, default wf-noise-1).</summary>
        public const string NoiseLayout = "wasserforge.noise_layout";
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
