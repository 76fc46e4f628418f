using System;
using System.IO;
using NUnit.Framework;
using Wasserforge.Torch;
using Wasserforge.Torch.Optim;
using F = Wasserforge.Torch.torch.nn.functional;

namespace Wasserforge.Torch.Tests
{
    public class MemoryTests
    {
        static long Rss() => long.Parse(File.ReadAllText("/proc/self/statm").Split(' ')[1]) * 4096;

        [Test]
        public void ThousandTrainingStepsKeepMemoryFlat()
        {
            if (!File.Exists("/proc/self/statm")) Assert.Ignore("needs Linux /proc");
            torch.manual_seed(1);
            using var critic = torch.nn.Sequential(torch.nn.Conv2d(3, 8, 3, 2, 1), torch.nn.LeakyReLU(0.2), torch.nn.Conv2d(8, 8, 3, 2, 1, padding_mode: PaddingModes.Circular));
            using var opt = new Adam(critic.parameters(), 1e-4, 0.0, 0.9);
            using var gen = new Generator(5);
            void Step()
            {
                using var scope = torch.NewDisposeScope();
                var real = torch.randn(new long[] { 8, 3, 16, 16 }, gen);
                var fake = torch.randn(new long[] { 8, 3, 16, 16 }, gen);
                var eps = torch.rand(new long[] { 8, 1, 1, 1 }, gen);
                var x = (real * eps + fake * (1.0 - eps)).detach().requires_grad_();
                var d = critic.forward(x).sum();
                var g = torch.autograd.grad(new[] { d }, new[] { x }, create_graph: true)[0];
                var gp = (g.reshape(8, -1).norm(new long[] { 1 }) - 1.0).square().mean();
                var loss = critic.forward(fake).mean() - critic.forward(real).mean() + gp * 10.0;
                opt.zero_grad();
                loss.backward();
                opt.step();
            }
            for (var i = 0; i < 100; i++) Step();
            GC.Collect(); GC.WaitForPendingFinalizers();
            var before = Rss();
            for (var i = 0; i < 1000; i++) Step();
            GC.Collect(); GC.WaitForPendingFinalizers();
            var after = Rss();
            Assert.That((double)(after - before) / before, Is.LessThan(0.05), $"RSS {before >> 20} MiB -> {after >> 20} MiB");
        }
    }
}
