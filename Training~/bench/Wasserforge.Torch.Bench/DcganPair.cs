using Wasserforge.Torch;
using Wasserforge.Torch.NN;

namespace Wasserforge.Torch.Bench
{
    /// <summary>The WGAN-GP reference DCGAN pair at 64×64 (Gulrajani et al.), exactly as in ../wgan_gp_dcgan.py.</summary>
    public static class DcganPair
    {
        /// <summary>Latent size.</summary>
        public const int Latent = 128;

        /// <summary>Linear 128→4·4·512 + BN + ReLU, ConvTranspose 5×5/2 (padding 2, output padding 1) 512→256→128→64 with BN + ReLU, then 64→3 + tanh.</summary>
        public static Sequential Generator() => torch.nn.Sequential(
            torch.nn.Linear(Latent, 4 * 4 * 512), torch.nn.BatchNorm1d(4 * 4 * 512), torch.nn.ReLU(), torch.nn.Unflatten(512, 4, 4),
            torch.nn.ConvTranspose2d(512, 256, 5, 2, 2, 1), torch.nn.BatchNorm2d(256), torch.nn.ReLU(),
            torch.nn.ConvTranspose2d(256, 128, 5, 2, 2, 1), torch.nn.BatchNorm2d(128), torch.nn.ReLU(),
            torch.nn.ConvTranspose2d(128, 64, 5, 2, 2, 1), torch.nn.BatchNorm2d(64), torch.nn.ReLU(),
            torch.nn.ConvTranspose2d(64, 3, 5, 2, 2, 1), torch.nn.Tanh());

        /// <summary>Conv 5×5/2 3→64 + LeakyReLU(0.2), then 64→128→256→512 with LayerNorm over [C,H,W] + LeakyReLU(0.2), then Linear 4·4·512→1.</summary>
        public static Sequential Critic() => torch.nn.Sequential(
            torch.nn.Conv2d(3, 64, 5, 2, 2), torch.nn.LeakyReLU(0.2),
            torch.nn.Conv2d(64, 128, 5, 2, 2), torch.nn.LayerNorm(128, 16, 16), torch.nn.LeakyReLU(0.2),
            torch.nn.Conv2d(128, 256, 5, 2, 2), torch.nn.LayerNorm(256, 8, 8), torch.nn.LeakyReLU(0.2),
            torch.nn.Conv2d(256, 512, 5, 2, 2), torch.nn.LayerNorm(512, 4, 4), torch.nn.LeakyReLU(0.2),
            torch.nn.Flatten(), torch.nn.Linear(4 * 4 * 512, 1));
    }
}
