using System;
using TorchSharp;
using TorchSharp.Modules;
using Wasserforge.Training.Engine;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Wasserforge.Training.Models
{
    /// <summary>
    /// One block of the texture generator: [nearest ×2 upsampling] → circular 3×3 convolution → batch norm
    /// without its own affine → x·(1 + γ(z)) + β(z) → ReLU, where γ and β come from the global code z by one
    /// Linear layer (conditional batch norm, as BigGAN; Linear initialised to zero, so a new block starts as
    /// plain batch norm). Exported as the BN-folded Conv, then Mul/Add with Reshape(Gemm(z)).
    /// </summary>
    public sealed class TextureBlock : Module<Tensor, Tensor, Tensor>
    {
        readonly Upsample up;
        readonly Conv2d conv;
        readonly BatchNorm norm;
        readonly Linear film;

        /// <summary>Output channels.</summary>
        public int Channels { get; }

        /// <summary>Creates a block from <paramref name="inChannels"/> to <paramref name="outChannels"/>, doubling the resolution when <paramref name="upsample"/>.</summary>
        public TextureBlock(int inChannels, int outChannels, int globalDim, bool upsample) : base(nameof(TextureBlock))
        {
            Channels = outChannels;
            up = upsample ? Upsample(scale_factor: new[] { 2.0, 2.0 }, mode: UpsampleMode.Nearest) : null;
            conv = Conv2d(inChannels, outChannels, 3, stride: 1, padding: 1, padding_mode: PaddingModes.Circular);
            norm = HeldScalarBatchNorm.Images(outChannels, affine: false);
            film = Linear(globalDim, 2 * outChannels);
            using (no_grad()) { film.weight.zero_(); film.bias.zero_(); }
            RegisterComponents();
        }

        /// <summary>The layers, for the exporter: upsampling (null in the stem), convolution, batch norm, FiLM Linear ([γ; β] rows).</summary>
        internal (Upsample up, Conv2d conv, BatchNorm norm, Linear film) Layers => (up, conv, norm, film);

        /// <inheritdoc/>
        public override Tensor forward(Tensor x, Tensor z)
        {
            if (up is not null) x = up.forward(x);
            return Modulate(norm.forward(conv.forward(x)), film.forward(z), Channels).relu();
        }

        /// <summary>x·(1 + γ) + β with [γ; β] = <paramref name="gammaBeta"/> [N, 2C], broadcast over H and W.</summary>
        internal static Tensor Modulate(Tensor x, Tensor gammaBeta, int channels)
        {
            var n = gammaBeta.shape[0];
            var gamma = gammaBeta.narrow(1, 0, channels).reshape(n, channels, 1, 1);
            var beta = gammaBeta.narrow(1, channels, channels).reshape(n, channels, 1, 1);
            return (x * gamma.Plus(HeldScalars.One)).Plus(beta);
        }
    }

    /// <summary>
    /// The texture generator (<c>model.kind: texture</c>), after the spatial and periodic spatial GANs (Jetchev et al. 2016,
    /// Bergmann et al. 2017) with the global code injected at every block: fully convolutional, circular padding everywhere, so
    /// an output of any multiple of <see cref="NoiseScale"/> pixels tiles with its own size as the period.
    /// <list type="number">
    /// <item>Stem at the noise grid: circular 3×3 convolution of the local noise [N, L, h, w] plus Linear(z) added per channel
    /// (the contract's "Conv(noise) + Reshape(Gemm(z))", exact for a circular convolution of a constant field), batch norm, FiLM, ReLU.</item>
    /// <item>Three blocks, each nearest ×2 + circular 3×3 conv + batch norm + FiLM + ReLU (<see cref="TextureBlock"/>).</item>
    /// <item>Circular 3×3 conv to the colour channels, tanh.</item>
    /// </list>
    /// Channels: <c>min(max_width, width·2^(3−i))</c> at level i, <c>width</c> at full size (width 16, max 64: 64, 64, 32, 16).
    /// <see cref="forward(Tensor)"/> takes the training latent: the global code followed by the noise grid of one training crop,
    /// flattened (both are iid standard normal, so the training loop draws them as one vector); <see cref="Forward"/> takes
    /// both parts for any grid size.
    /// </summary>
    public sealed class TextureGenerator : Module<Tensor, Tensor>
    {
        /// <summary>Upsampling levels: one noise cell is 2^3 = 8 output pixels.</summary>
        public const int Levels = 3;

        readonly Conv2d stemNoise;
        readonly Linear stemGlobal;
        readonly BatchNorm stemNorm;
        readonly Linear stemFilm;
        readonly ModuleList<TextureBlock> blocks;
        readonly Conv2d toRgb;
        readonly int _c0;

        /// <summary>Length of the global code z.</summary>
        public int GlobalDim { get; }
        /// <summary>Channels of the local noise.</summary>
        public int NoiseChannels { get; }
        /// <summary>Noise cells per side of one training crop (crop size / <see cref="NoiseScale"/>).</summary>
        public int TrainingCells { get; }
        /// <summary>Output pixels per noise cell (2^<see cref="Levels"/>).</summary>
        public int NoiseScale => 1 << Levels;
        /// <summary>Length of the training latent: global code + one crop's noise grid.</summary>
        public int TrainingLatentDim => GlobalDim + NoiseChannels * TrainingCells * TrainingCells;

        /// <summary>
        /// Receptive-field radius in noise cells, rounded up: the sum over convolutions of (kernel / 2) / (pixels per noise cell
        /// at that layer) = 1 + 1/2 + 1/4 + 1/8 + 1/8 = 2. Tiled generation with this halo is exact.
        /// </summary>
        public int NoiseHalo
        {
            get
            {
                double r = 1;                                               // stem, at 1 pixel per cell
                for (var i = 1; i <= Levels; i++) r += 1.0 / (1 << i);      // block i's conv at 2^i pixels per cell
                r += 1.0 / NoiseScale;                                      // the output conv
                return (int)Math.Ceiling(r - 1e-9);
            }
        }

        /// <summary>Creates the generator.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A size is below 1, or the crop is not a positive multiple of <see cref="NoiseScale"/>.</exception>
        public TextureGenerator(int globalDim, int noiseChannels, int width, int maxWidth, int outChannels, int cropSize) : base(nameof(TextureGenerator))
        {
            if (globalDim < 1 || noiseChannels < 1 || width < 1 || maxWidth < width || outChannels < 1)
                throw new ArgumentOutOfRangeException(nameof(globalDim), "latent, noise, width and output channels must be at least 1, and max width at least width.");
            if (cropSize < 8 || cropSize % 8 != 0) throw new ArgumentOutOfRangeException(nameof(cropSize), $"crop size {cropSize} is not a positive multiple of 8.");
            GlobalDim = globalDim; NoiseChannels = noiseChannels; TrainingCells = cropSize >> Levels;
            var ch = Widths(width, maxWidth);
            _c0 = ch[0];
            stemNoise = Conv2d(noiseChannels, ch[0], 3, stride: 1, padding: 1, padding_mode: PaddingModes.Circular);
            stemGlobal = Linear(globalDim, ch[0]);
            stemNorm = HeldScalarBatchNorm.Images(ch[0], affine: false);
            stemFilm = Linear(globalDim, 2 * ch[0]);
            using (no_grad()) { stemFilm.weight.zero_(); stemFilm.bias.zero_(); }
            blocks = new ModuleList<TextureBlock>();
            for (var i = 0; i < Levels; i++) blocks.Add(new TextureBlock(ch[i], ch[i + 1], globalDim, upsample: true));
            toRgb = Conv2d(ch[Levels], outChannels, 3, stride: 1, padding: 1, padding_mode: PaddingModes.Circular);
            RegisterComponents();
        }

        /// <summary>Channels at the noise grid and after each block: <c>min(maxWidth, width·2^(3−i))</c>, the last one <c>width</c>.</summary>
        public static int[] Widths(int width, int maxWidth)
        {
            var ch = new int[Levels + 1];
            for (var i = 0; i <= Levels; i++) ch[i] = Math.Min(maxWidth, width << (Levels - i));
            ch[Levels] = width;
            return ch;
        }

        /// <summary>The layers, for the exporter.</summary>
        internal (Conv2d noise, Linear global, BatchNorm norm, Linear film, TextureBlock[] blocks, Conv2d toRgb) Layers
        {
            get
            {
                var b = new TextureBlock[blocks.Count];
                for (var i = 0; i < b.Length; i++) b[i] = blocks[i];
                return (stemNoise, stemGlobal, stemNorm, stemFilm, b, toRgb);
            }
        }

        /// <summary>Generates from the training latent [N, <see cref="TrainingLatentDim"/>]: one training crop per row.</summary>
        public override Tensor forward(Tensor latent)
        {
            var n = latent.shape[0];
            var z = latent.narrow(1, 0, GlobalDim);
            var noise = latent.narrow(1, GlobalDim, NoiseChannels * TrainingCells * TrainingCells).reshape(n, NoiseChannels, TrainingCells, TrainingCells);
            return Forward(z, noise);
        }

        /// <summary>Generates [N, C, 8h, 8w] from the global code <paramref name="z"/> [N, latent] and local noise <paramref name="noise"/> [N, L, h, w].</summary>
        public Tensor Forward(Tensor z, Tensor noise)
        {
            var n = z.shape[0];
            var x = stemNoise.forward(noise).Plus(stemGlobal.forward(z).reshape(n, _c0, 1, 1));
            x = TextureBlock.Modulate(stemNorm.forward(x), stemFilm.forward(z), _c0).relu();
            foreach (var b in blocks) x = b.forward(x, z);
            return toRgb.forward(x).tanh();
        }
    }
}
