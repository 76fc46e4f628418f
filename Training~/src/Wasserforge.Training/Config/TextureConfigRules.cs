using System;
using Wasserforge.Training.Models;

namespace Wasserforge.Training.Config
{
    /// <summary>
    /// The config checks of <c>model.kind: texture</c> and of the keys only it takes (<c>data.crop_size</c>,
    /// <c>data.crop_wrap</c>, <c>model.noise_channels</c>), with the reason in every message.
    /// </summary>
    public static class TextureConfigRules
    {
        /// <summary>Largest <c>model.noise_channels</c>.</summary>
        public const int MaxNoiseChannels = 1024;

        /// <summary>
        /// Checks what only the file shows (before defaults fill it in): a texture model always tiles, so an explicit
        /// <c>model.tileable: false</c> is refused rather than ignored.
        /// </summary>
        /// <exception cref="ConfigException">The file asks for a texture model that does not tile.</exception>
        public static void CheckFile(TrainConfig c, string path, Func<string, long> lineOf)
        {
            var line = lineOf("model.tileable");
            if (c.Model.Kind == ModelFactory.TextureKind && line > 0 && !c.Model.Tileable)
                throw new ConfigException(path, "'model.tileable': a texture model always tiles (circular padding everywhere, any output size); remove 'tileable: false', or use kind: dcgan for images that need not tile.", line);
        }

        /// <summary>Calls <paramref name="fail"/>(key, problem) for the first texture-specific problem of a config with defaults applied.</summary>
        public static void Check(TrainConfig c, Action<string, string> fail)
        {
            var texture = c.Model.Kind == ModelFactory.TextureKind;
            if (!texture)
            {
                const string only = "applies to kind: texture only (it trains on random crops of the images); remove it or set model.kind: texture.";
                if (c.Data.CropSize.HasValue) fail("data.crop_size", only);
                if (c.Data.CropWrap.HasValue) fail("data.crop_wrap", only);
                if (c.Model.NoiseChannels.HasValue) fail("model.noise_channels", "applies to kind: texture only (the local noise of the texture generator); remove it or set model.kind: texture.");
                return;
            }
            if (c.Model.Upsample != null && c.Model.Upsample != "nearest")
                fail("model.upsample", $"'{c.Model.Upsample}': a texture model always upsamples with nearest ×2 + circular-padded convolutions (so any output size tiles); remove the key.");
            var crop = TextureModels.CropSize(c);
            if (crop < 16 || crop > c.Data.Size || (crop & (crop - 1)) != 0)
                fail("data.crop_size", $"{crop} must be a power of two from 16 to data.size ({c.Data.Size}): the generator makes 8 px per noise cell and the SWD quality curve needs power-of-two crops of at least 16 px.");
            var noise = c.Model.NoiseChannels ?? TextureModels.DefaultNoiseChannels;
            if (noise < 1 || noise > MaxNoiseChannels)
                fail("model.noise_channels", $"{noise} must be from 1 to {MaxNoiseChannels} (the prototype used 8; more only adds weights to the first convolution).");
        }
    }
}
