using System;
using System.Linq;

namespace Wasserforge.Training.Config
{
    /// <summary>Checks a config with defaults applied; every message names the key and the allowed values.</summary>
    public static class ConfigValidator
    {
        /// <summary>Throws on the first invalid value; <paramref name="lineOf"/> (optional) gives a key's line in the file.</summary>
        /// <exception cref="ConfigException">A value is out of range or a combination is invalid.</exception>
        public static void Validate(TrainConfig c, string path, Func<string, long> lineOf = null)
        {
            void Fail(string key, string problem) => throw new ConfigException(path, $"'{key}': {problem}", lineOf?.Invoke(key) ?? 0);
            void OneOf(string key, string value, params string[] allowed)
            {
                if (!allowed.Contains(value)) Fail(key, $"'{value}' is not one of {string.Join(", ", allowed)}.");
            }

            OneOf("loss.kind", c.Loss.Kind, LossDefaults.Names.ToArray());
            OneOf("model.kind", c.Model.Kind, "dcgan", Models.ModelFactory.TextureKind, "mlp");
            OneOf("optimizer.kind", c.Optimizer.Kind, "adam", "rmsprop", "sgd");
            OneOf("optimizer.lr_decay", c.Optimizer.LrDecay, "none", "linear");
            OneOf("model.critic_norm", c.Model.CriticNorm, "layer", "batch", "none");
            OneOf("data.crop", c.Data.Crop, "center", "random");
            if (c.Loss.Kind == "wgan-gp" && c.Model.CriticNorm == "batch")
                Fail("model.critic_norm", "batch norm in a WGAN-GP critic breaks the per-sample gradient penalty; use 'layer' or 'none'.");
            if (string.IsNullOrWhiteSpace(c.Data.Source)) Fail("data.source", "name a built-in dataset or a folder of images.");
            if (c.Model.Kind != "mlp")
            {
                var s = c.Data.Size;
                if (s < 16 || s > 256 || (s & (s - 1)) != 0) Fail("data.size", $"{s} must be a power of two from 16 to 256.");
                if (c.Data.Channels != 1 && c.Data.Channels != 3 && c.Data.Channels != 4) Fail("data.channels", $"{c.Data.Channels} must be 1, 3 or 4.");
            }
            if (c.Data.Atlas != null && !TryParseGrid(c.Data.Atlas, out _, out _))
                Fail("data.atlas", $"'{c.Data.Atlas}' must look like 32x32.");
            if (c.Data.HoldOut < 0 || c.Data.HoldOut >= 1) Fail("data.hold_out", "must be in [0, 1).");
            if (c.Data.Count < 1) Fail("data.count", "must be at least 1.");
            if (c.Model.LatentDim < 1) Fail("model.latent_dim", "must be at least 1.");
            if (c.Model.Width < 1) Fail("model.width", "must be at least 1.");
            if (c.Model.MaxWidth < c.Model.Width) Fail("model.max_width", "must be at least model.width.");
            foreach (var (key, value) in new[] { ("model.full_res_width", c.Model.FullResWidth), ("model.critic_full_res_width", c.Model.CriticFullResWidth) })
            {
                if (value < 0) Fail(key, $"{value} must be 0 (no full-resolution layer) or a channel count.");
                if (value > 0 && c.Model.Kind != "dcgan") Fail(key, $"applies to dcgan models; a {c.Model.Kind} model has its own layout. Remove the key.");
            }
            if (c.Model.FullResWidth > 0 && c.Model.Kind == "dcgan" && !c.Model.Tileable && c.Model.Upsample != "nearest")
                Fail("model.full_res_width", "needs upsample: nearest (the full-resolution convolution follows the last nearest ×2); add it, or remove the key.");
            if (c.Model.ConvsPerLevel != 1 && c.Model.ConvsPerLevel != 2) Fail("model.convs_per_level", $"{c.Model.ConvsPerLevel} must be 1 or 2.");
            else if (c.Model.ConvsPerLevel == 2 && (c.Model.Kind != "dcgan" || (!c.Model.Tileable && c.Model.Upsample != "nearest")))
                Fail("model.convs_per_level", c.Model.Kind != "dcgan"
                    ? $"applies to dcgan models; a {c.Model.Kind} model has its own layout. Remove the key."
                    : "needs upsample: nearest (the second convolution follows each nearest ×2 and its convolution); add it, or remove the key.");
            if (c.Model.Depth < 1) Fail("model.depth", "must be at least 1.");
            if (c.Model.Tileable && c.Model.Kind == "mlp")
                Fail("model.tileable", "applies to dcgan image generators; an mlp makes 2-D points, which have no edges to tile. Remove it or use kind: dcgan.");
            TextureConfigRules.Check(c, Fail);
            OneOf("model.upsample", c.Model.Upsample, "transposed", "nearest");
            if (c.Model.Tileable && c.Model.Upsample != "nearest")
                Fail("model.upsample", "a tileable generator always upsamples with nearest + circular-padded convolutions (a transposed convolution cannot pad circularly); remove the key or set it to nearest.");
            OneOf("training.ema_batch_norm", c.Training.EmaBatchNorm, "recompute", "copy");
            if (!(c.Training.Ema >= 0 && c.Training.Ema < 1)) Fail("training.ema", $"{c.Training.Ema} must be in [0, 1): 0 turns the average off, 0.999 is the usual decay.");
            ConfigLimits.Check(c, Fail);
            if (c.Loss.NCritic < 1) Fail("loss.n_critic", "must be at least 1.");
            if (c.Loss.GpLambda < 0) Fail("loss.gp_lambda", "must not be negative.");
            if (c.Loss.GpEvery < 1) Fail("loss.gp_every", "must be at least 1 (1 = the penalty on every critic update).");
            else if (c.Loss.GpEvery > 1 && c.Loss.Kind != "wgan-gp") Fail("loss.gp_every", $"applies to wgan-gp's gradient penalty; {c.Loss.Kind} has none. Remove the key.");
            if (c.Loss.Clip < 0) Fail("loss.clip", "must not be negative.");
            if (!(c.Optimizer.LrGenerator > 0) || !(c.Optimizer.LrCritic > 0)) Fail("optimizer.lr", "must be positive.");
            if (c.Optimizer.Beta1 < 0 || c.Optimizer.Beta1 >= 1) Fail("optimizer.beta1", "must be in [0, 1).");
            if (c.Optimizer.Beta2 < 0 || c.Optimizer.Beta2 >= 1) Fail("optimizer.beta2", "must be in [0, 1).");
            if (c.Training.Steps < 1) Fail("training.steps", "must be at least 1.");
            if (c.Training.BatchSize < 1) Fail("training.batch_size", "must be at least 1.");
            if (c.Training.SampleEvery < 1) Fail("training.sample_every", "must be at least 1.");
            if (c.Training.CheckpointEvery < 1) Fail("training.checkpoint_every", "must be at least 1.");
            if (c.Training.LogEvery < 1) Fail("training.log_every", "must be at least 1.");
            if (c.Training.Threads < 0) Fail("training.threads", "must be 0 (one per core) or more.");
            var d = c.Training.Device;
            if (d != "auto" && d != "cpu" && d != "cuda" && !(d.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(d.Substring(5), out var n) && n >= 0))
                Fail("training.device", $"'{d}' must be auto, cpu, cuda or cuda:N.");
        }

        /// <summary>Parses <c>WxH</c> (e.g. <c>32x32</c>).</summary>
        public static bool TryParseGrid(string text, out int width, out int height)
        {
            width = height = 0;
            var parts = text.ToLowerInvariant().Split('x');
            return parts.Length == 2 && int.TryParse(parts[0], out width) && int.TryParse(parts[1], out height) && width > 0 && height > 0;
        }
    }
}
