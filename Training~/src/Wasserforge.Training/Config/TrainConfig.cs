using System.Collections.Generic;

namespace Wasserforge.Training.Config
{
    /// <summary>
    /// A training run's configuration, as read from a YAML file (ML-Agents style). Every value has a
    /// default; loss-specific hyperparameters default to the published values of that loss
    /// (see <see cref="LossDefaults"/>). Keys are snake_case in YAML.
    /// </summary>
    public sealed class TrainConfig
    {
        /// <summary>What to train on.</summary>
        public DataConfig Data { get; set; } = new DataConfig();
        /// <summary>Generator and critic architecture.</summary>
        public ModelConfig Model { get; set; } = new ModelConfig();
        /// <summary>Loss and its hyperparameters.</summary>
        public LossConfig Loss { get; set; } = new LossConfig();
        /// <summary>Optimizer settings (null values take the loss's defaults).</summary>
        public OptimizerConfig Optimizer { get; set; } = new OptimizerConfig();
        /// <summary>Length of the run, batch size, intervals.</summary>
        public RunConfig Training { get; set; } = new RunConfig();
    }

    /// <summary>The <c>data:</c> section.</summary>
    public sealed class DataConfig
    {
        /// <summary>A built-in dataset name (see <c>wasserforge datasets</c>) or a folder of images (relative to the config file).</summary>
        public string Source { get; set; } = "procedural";
        /// <summary>Slice every image on this grid, e.g. <c>32x32</c> (sprite sheets and texture atlases).</summary>
        public string Atlas { get; set; }
        /// <summary>Training image size in pixels (square; a power of two from 16 to 256).</summary>
        public int Size { get; set; } = 32;
        /// <summary>1 (gray), 3 (RGB) or 4 (RGBA: sprites with alpha).</summary>
        public int Channels { get; set; } = 3;
        /// <summary><c>center</c> or <c>random</c> crops to a square before resizing.</summary>
        public string Crop { get; set; } = "center";
        /// <summary>texture models: side of the random square crops they train on (a power of two from 16 to <see cref="Size"/>); null: <see cref="Size"/>.</summary>
        public int? CropSize { get; set; }
        /// <summary>texture models: crops wrap around the image edges (for tileable source images, so every position is a valid crop).</summary>
        public bool? CropWrap { get; set; }
        /// <summary>Random horizontal and vertical flips (textures).</summary>
        public bool Flip { get; set; }
        /// <summary>Random 90° rotations (textures).</summary>
        public bool Rotate90 { get; set; }
        /// <summary>How many images a procedural dataset generates, or samples per epoch of a toy set.</summary>
        public int Count { get; set; } = 2048;
        /// <summary>Fraction of images held out for evaluation (SWD).</summary>
        public double HoldOut { get; set; } = 0.1;
    }

    /// <summary>The <c>model:</c> section.</summary>
    public sealed class ModelConfig
    {
        /// <summary><c>dcgan</c> (images), <c>texture</c> (stationary textures of any size) or <c>mlp</c> (2-D toy data).</summary>
        public string Kind { get; set; } = "dcgan";
        /// <summary>Latent vector length.</summary>
        public int LatentDim { get; set; } = 64;
        /// <summary>dcgan: channels of the last generator layer and the first critic layer (doubling per level, capped at <see cref="MaxWidth"/>). mlp: hidden units.</summary>
        public int Width { get; set; } = 64;
        /// <summary>dcgan: largest channel count of any layer.</summary>
        public int MaxWidth { get; set; } = 512;
        /// <summary>dcgan with nearest upsampling (or tileable): channels of an extra 3×3 convolution with batch norm and ReLU at full
        /// resolution, before the generator's output layer (otherwise the last nonlinear layer is at half resolution); 0: none.</summary>
        public int FullResWidth { get; set; }
        /// <summary>dcgan: channels of an extra 3×3 convolution with LeakyReLU at full resolution, before the critic's first
        /// stride-2 convolution; 0: none.</summary>
        public int CriticFullResWidth { get; set; }
        /// <summary>dcgan with nearest upsampling (or tileable): 3×3 convolutions (each with batch norm and ReLU) at every generator
        /// resolution from 8 px to half the output size: 1 (the default) or 2, as in ProGAN's blocks.</summary>
        public int ConvsPerLevel { get; set; } = 1;
        /// <summary>mlp: hidden layers.</summary>
        public int Depth { get; set; } = 3;
        /// <summary>texture: channels of the local noise (one cell per 8×8 output pixels); null: 8.</summary>
        public int? NoiseChannels { get; set; }
        /// <summary>Build the generator from upsample + circular-padded convolutions so every output tiles seamlessly.</summary>
        public bool Tileable { get; set; }
        /// <summary>Critic normalisation: <c>layer</c>, <c>batch</c> or <c>none</c>; null takes the loss's default (never batch for wgan-gp).</summary>
        public string CriticNorm { get; set; }
        /// <summary>dcgan generator doubling layers: <c>transposed</c> (5×5 stride-2 transposed convolutions) or <c>nearest</c>
        /// (nearest ×2 + 3×3 convolution, no checkerboard artefacts: Odena et al. 2016); null: transposed, or nearest when tileable (the only choice there).</summary>
        public string Upsample { get; set; }
    }

    /// <summary>The <c>loss:</c> section. Null values take the loss's published defaults.</summary>
    public sealed class LossConfig
    {
        /// <summary><c>wgan-gp</c>, <c>wgan-clip</c>, <c>lsgan</c>, <c>nsgan</c> or <c>hinge</c>.</summary>
        public string Kind { get; set; } = "wgan-gp";
        /// <summary>Critic steps per generator step.</summary>
        public int? NCritic { get; set; }
        /// <summary>wgan-gp: gradient penalty weight λ.</summary>
        public double? GpLambda { get; set; }
        /// <summary>wgan-gp: the penalty is computed on every this many critic updates, weighted by it (lazy regularisation; 1 = every update).</summary>
        public int? GpEvery { get; set; }
        /// <summary>wgan-clip: weights are clamped to ±clip after each critic step.</summary>
        public double? Clip { get; set; }
        /// <summary>wgan-clip: critic steps during warm-up and every <see cref="BoostEvery"/>th generator iteration.</summary>
        public int? BoostCriticSteps { get; set; }
        /// <summary>wgan-clip: number of warm-up generator iterations with boosted critic steps.</summary>
        public int? BoostWarmup { get; set; }
        /// <summary>wgan-clip: every this many generator iterations the critic gets boosted steps.</summary>
        public int? BoostEvery { get; set; }
    }

    /// <summary>The <c>optimizer:</c> section. Null values take the loss's published defaults.</summary>
    public sealed class OptimizerConfig
    {
        /// <summary><c>adam</c>, <c>rmsprop</c> or <c>sgd</c>.</summary>
        public string Kind { get; set; }
        /// <summary>Learning rate of both networks (unless the per-network rates are set).</summary>
        public double? Lr { get; set; }
        /// <summary>Generator learning rate.</summary>
        public double? LrGenerator { get; set; }
        /// <summary>Critic learning rate.</summary>
        public double? LrCritic { get; set; }
        /// <summary>Adam β1.</summary>
        public double? Beta1 { get; set; }
        /// <summary>Adam β2.</summary>
        public double? Beta2 { get; set; }
        /// <summary>Learning-rate schedule of both networks: <c>none</c> (constant) or <c>linear</c> (from the set rate
        /// down to 0 at the last step, as in the WGAN-GP authors' code). Default none.</summary>
        public string LrDecay { get; set; }
    }

    /// <summary>The <c>training:</c> section.</summary>
    public sealed class RunConfig
    {
        /// <summary>Generator iterations to train.</summary>
        public int Steps { get; set; } = 2000;
        /// <summary>Images (or points) per batch.</summary>
        public int BatchSize { get; set; } = 64;
        /// <summary>Seed of every random choice (weights, data order, noise).</summary>
        public ulong Seed { get; set; } = 1;
        /// <summary>Write a sample grid from a fixed latent batch every this many generator iterations.</summary>
        public int SampleEvery { get; set; } = 200;
        /// <summary>Write a checkpoint every this many generator iterations.</summary>
        public int CheckpointEvery { get; set; } = 500;
        /// <summary>Append a metrics row every this many generator iterations.</summary>
        public int LogEvery { get; set; } = 10;
        /// <summary><c>auto</c>, <c>cpu</c> or <c>cuda</c> (or <c>cuda:N</c>).</summary>
        public string Device { get; set; } = "auto";
        /// <summary>Intra-op threads (0: one per core).</summary>
        public int Threads { get; set; }
        /// <summary>Decay of an exponential moving average of the generator's weights (Yazici et al. 2019), updated after
        /// every generator step and used for sample grids, the SWD log and export; 0 turns it off.</summary>
        public double Ema { get; set; }
        /// <summary>
        /// With <see cref="Ema"/>: <c>recompute</c> gathers the average's batch-norm statistics anew with the averaged weights
        /// before each sample grid, SWD point and export (SWA's <c>update_bn</c>); <c>copy</c> keeps the trained weights'
        /// statistics. Null: recompute for dcgan, copy for texture models (where recomputing measured no better).
        /// </summary>
        public string EmaBatchNorm { get; set; }
    }

    /// <summary>Published defaults of each loss, applied where the config leaves a value out.</summary>
    public static class LossDefaults
    {
        /// <summary>The loss names this build knows.</summary>
        public static readonly IReadOnlyList<string> Names = new[] { "wgan-gp", "wgan-clip", "lsgan", "nsgan", "hinge" };
    }
}
