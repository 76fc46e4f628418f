namespace Wasserforge.Training.Config
{
    /// <summary>
    /// Fills unset loss and optimizer values with each loss's published defaults:
    /// <list type="bullet">
    /// <item><c>wgan-gp</c> (Gulrajani et al. 2017): λ = 10, n_critic = 5, Adam lr 1e-4, β = (0, 0.9); critic with layer norm.</item>
    /// <item><c>wgan-clip</c> (Arjovsky et al. 2017): RMSprop lr 5e-5, clip ±0.01, n_critic = 5, 100 critic steps during the first 25 generator iterations and every 500th.</item>
    /// <item><c>model.kind: texture</c>: <c>tileable</c> is always true and the patch critic has no norm unless the config names one.</item>
    /// <item><c>lsgan</c>, <c>nsgan</c>, <c>hinge</c> (baselines): Adam lr 2e-4, β = (0.5, 0.999), n_critic = 1 (DCGAN settings).</item>
    /// </list>
    /// </summary>
    public static class ConfigDefaults
    {
        /// <summary>Fills every null loss/optimizer value of <paramref name="c"/> in place.</summary>
        public static void Apply(TrainConfig c)
        {
            var loss = c.Loss;
            var opt = c.Optimizer;
            c.Training.EmaBatchNorm ??= c.Model.Kind == Models.ModelFactory.TextureKind ? "copy" : "recompute";
            if (c.Model.Kind == Models.ModelFactory.TextureKind)
            {
                c.Model.Tileable = true;           // always (circular padding everywhere)
                c.Model.CriticNorm ??= "none";     // the patch critic sees crops of varying content: no norm, as the prototype
            }
            switch (loss.Kind)
            {
                case "wgan-gp":
                    loss.NCritic ??= 5;
                    loss.GpLambda ??= 10.0;
                    opt.Kind ??= "adam";
                    opt.Lr ??= 1e-4;
                    opt.Beta1 ??= 0.0;
                    opt.Beta2 ??= 0.9;
                    c.Model.CriticNorm ??= "layer";
                    break;
                case "wgan-clip":
                    loss.NCritic ??= 5;
                    loss.Clip ??= 0.01;
                    loss.BoostCriticSteps ??= 100;
                    loss.BoostWarmup ??= 25;
                    loss.BoostEvery ??= 500;
                    opt.Kind ??= "rmsprop";
                    opt.Lr ??= 5e-5;
                    c.Model.CriticNorm ??= "batch";
                    break;
                default: // lsgan, nsgan, hinge
                    loss.NCritic ??= 1;
                    opt.Kind ??= "adam";
                    opt.Lr ??= 2e-4;
                    opt.Beta1 ??= 0.5;
                    opt.Beta2 ??= 0.999;
                    c.Model.CriticNorm ??= "batch";
                    break;
            }
            loss.GpLambda ??= 0.0;
            loss.GpEvery ??= 1;
            loss.Clip ??= 0.0;
            loss.BoostCriticSteps ??= loss.NCritic;
            loss.BoostWarmup ??= 0;
            loss.BoostEvery ??= 0;
            opt.Beta1 ??= 0.9;
            opt.Beta2 ??= 0.999;
            opt.LrGenerator ??= opt.Lr;
            opt.LrCritic ??= opt.Lr;
            opt.LrDecay ??= "none";
            if (c.Model.Kind == "mlp") c.Model.CriticNorm = "none";
            c.Model.Upsample ??= c.Model.Tileable ? "nearest" : "transposed";
        }
    }
}
