using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Wasserforge.Bench.BareTorchSharp
{
    /// <summary>
    /// The loop of Training~/bench/wgan_gp_dcgan.py on TorchSharp directly, with no trainer code: the WGAN-GP reference
    /// DCGAN pair at 64×64, batch 64; one <see cref="Iteration"/> = 5 critic steps with the gradient penalty (λ = 10,
    /// Adam 1e-4, β = (0, 0.9)) + 1 generator step, each step in a dispose scope.
    /// </summary>
    public sealed class BareLoop : IDisposable
    {
        const int Batch = 64, CriticSteps = 5;
        readonly Device _dev;
        readonly Sequential _g, _d;
        readonly optim.Optimizer _optG, _optD;
        readonly Tensor _real;

        static Sequential Generator() => Sequential(
            Linear(128, 4 * 4 * 512), BatchNorm1d(4 * 4 * 512), ReLU(), Unflatten(1, new long[] { 512, 4, 4 }),
            ConvTranspose2d(512, 256, 5, stride: 2, padding: 2, output_padding: 1), BatchNorm2d(256), ReLU(),
            ConvTranspose2d(256, 128, 5, stride: 2, padding: 2, output_padding: 1), BatchNorm2d(128), ReLU(),
            ConvTranspose2d(128, 64, 5, stride: 2, padding: 2, output_padding: 1), BatchNorm2d(64), ReLU(),
            ConvTranspose2d(64, 3, 5, stride: 2, padding: 2, output_padding: 1), Tanh());

        static Sequential Critic() => Sequential(
            Conv2d(3, 64, 5, stride: 2, padding: 2), LeakyReLU(0.2),
            Conv2d(64, 128, 5, stride: 2, padding: 2), LayerNorm(new long[] { 128, 16, 16 }), LeakyReLU(0.2),
            Conv2d(128, 256, 5, stride: 2, padding: 2), LayerNorm(new long[] { 256, 8, 8 }), LeakyReLU(0.2),
            Conv2d(256, 512, 5, stride: 2, padding: 2), LayerNorm(new long[] { 512, 4, 4 }), LeakyReLU(0.2),
            Flatten(), Linear(4 * 4 * 512, 1));

        /// <summary>Builds the pair (after <c>manual_seed(0)</c>), its optimizers and a fixed "real" batch on <paramref name="dev"/>.</summary>
        public BareLoop(Device dev)
        {
            _dev = dev;
            manual_seed(0);
            _g = Generator().to(dev);
            _d = Critic().to(dev);
            _optG = optim.Adam(_g.parameters(), 1e-4, 0.0, 0.9);
            _optD = optim.Adam(_d.parameters(), 1e-4, 0.0, 0.9);
            _real = (rand(new long[] { Batch, 3, 64, 64 }, device: dev) * 2.0 - 1.0).DetachFromDisposeScope();
        }

        /// <summary>5 critic steps + 1 generator step; reads the generator loss (synchronises CUDA).</summary>
        public void Iteration()
        {
            for (var k = 0; k < CriticSteps; k++)
            {
                using var scope = NewDisposeScope();
                Tensor fake;
                using (no_grad()) fake = _g.forward(randn(new long[] { Batch, 128 }, device: _dev));
                var dr = _d.forward(_real);
                var df = _d.forward(fake);
                var alpha = rand(new long[] { Batch, 1, 1, 1 }, device: _dev);
                var x = (_real * alpha + fake * (1.0 - alpha)).detach().requires_grad_();
                var grad = autograd.grad(new[] { _d.forward(x).sum() }, new[] { x }, create_graph: true, retain_graph: true)[0];
                var gp = (grad.reshape(Batch, -1).norm(1) - 1.0).square().mean();
                var loss = df.mean() - dr.mean() + gp * 10.0;
                _optD.zero_grad();
                loss.backward();
                _optD.step();
            }
            using (NewDisposeScope())
            {
                var gl = -_d.forward(_g.forward(randn(new long[] { Batch, 128 }, device: _dev))).mean();
                _optG.zero_grad();
                gl.backward();
                _optG.step();
                gl.item<float>();   // synchronise (CUDA)
            }
        }

        /// <summary>Frees the networks, optimizers and the real batch.</summary>
        public void Dispose()
        {
            _optG.Dispose(); _optD.Dispose();
            _g.Dispose(); _d.Dispose();
            _real.Dispose();
        }
    }
}
