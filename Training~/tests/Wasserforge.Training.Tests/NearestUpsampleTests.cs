using System;
using System.IO;
using System.Linq;
using NUnit.Framework;
using TorchSharp.Modules;
using Wasserforge.Training.Config;
using Wasserforge.Training.Engine;
using Wasserforge.Training.Export;
using Wasserforge.Training.Models;
using static TorchSharp.torch;

namespace Wasserforge.Training.Tests
{
    /// <summary><c>model.upsample: nearest</c>: the dcgan generator doubles with nearest ×2 + 3×3 convolutions, exports as Resize + Conv, and runs on both runtime devices.</summary>
    public class NearestUpsampleTests
    {
        string _dir;
        [SetUp] public void Dir() => _dir = TestDirs.New();
        [TearDown] public void Clean() => Directory.Delete(_dir, true);

        [Test]
        public void NearestReplacesEveryTransposedConvolution()
        {
            manual_seed(1);
            using var transposed = ModelFactory.Create(ExportParityTests.Config("dcgan", 32, 3, false), 3);
            using var nearest = ModelFactory.Create(ExportParityTests.Config("dcgan", 32, 3, false, upsample: "nearest"), 3);
            Assert.That(transposed.Generator.children().Count(l => l is ConvTranspose2d), Is.EqualTo(3));
            Assert.That(nearest.Generator.children().Count(l => l is ConvTranspose2d), Is.EqualTo(0));
            Assert.That(nearest.Generator.children().Count(l => l is Upsample), Is.EqualTo(3), "one doubling per level: 4 → 8 → 16 → 32");
            var convs = nearest.Generator.children().OfType<Conv2d>().ToList();
            Assert.That(convs.Select(c => (c.weight.shape[2], c.padding_mode)), Is.All.EqualTo((3L, TorchSharp.PaddingModes.Zeros)));
            using var z = randn(2, 16);
            using (no_grad())
            using (var image = nearest.Generator.forward(z))
                Assert.That(image.shape, Is.EqualTo(new long[] { 2, 3, 32, 32 }));

            var graph = GeneratorExporter.BuildGraph(nearest.Generator, nearest.Describe(ExportParityTests.Config("dcgan", 32, 3, false, upsample: "nearest"), 0, "test"));
            Assert.That(graph.OperatorTypes, Does.Contain("Resize").And.Contain("Conv").And.Not.Contain("ConvTranspose"));
        }

        [Test]
        public void FullResolutionLayersAddOneConvolutionAtFullSizeToEachNetwork()
        {
            manual_seed(2);
            var config = ExportParityTests.Config("dcgan", 32, 3, false, upsample: "nearest", fullRes: 12);
            using var plain = ModelFactory.Create(ExportParityTests.Config("dcgan", 32, 3, false, upsample: "nearest"), 3);
            using var models = ModelFactory.Create(config, 3);
            var gConvs = models.Generator.children().OfType<Conv2d>().ToList();
            Assert.That(gConvs.Count, Is.EqualTo(plain.Generator.children().OfType<Conv2d>().Count() + 1));
            Assert.That(gConvs[^2].weight.shape, Is.EqualTo(new long[] { 12, 8, 3, 3 }), "from the last level's 8 channels to 12, 3×3");
            Assert.That(gConvs[^1].weight.shape, Is.EqualTo(new long[] { 3, 12, 3, 3 }), "then to the colours");
            Assert.That(models.Generator.children().OfType<BatchNorm>().Count(), Is.EqualTo(plain.Generator.children().OfType<BatchNorm>().Count() + 1));
            var cConvs = models.Critic.children().OfType<Conv2d>().ToList();
            Assert.That((cConvs[0].weight.shape, cConvs[0].stride[0]), Is.EqualTo((new long[] { 12, 3, 3, 3 }, 1L)), "the critic first sees the image through a stride-1 3×3 convolution");
            Assert.That(cConvs[1].weight.shape[1], Is.EqualTo(12));
            using (no_grad())
            using (NewDisposeScope())
            {
                var image = models.Generator.forward(randn(2, 16));
                Assert.That(image.shape, Is.EqualTo(new long[] { 2, 3, 32, 32 }));
                Assert.That(models.Critic.forward(image).shape, Is.EqualTo(new long[] { 2, 1 }));
            }
        }

        [Test]
        public void TheDeterministicDeviceRunsTheExportLikeOnnxRuntime()
        {
            manual_seed(3);
            var config = ExportParityTests.Config("dcgan", 16, 3, false, upsample: "nearest");
            using var models = ModelFactory.Create(config, 3);
            using (no_grad())
            using (NewDisposeScope())
            using (var s = new ScalarScope())
                for (var i = 0; i < 3; i++) models.Generator.forward(randn(8, models.LatentDim).mul(s.Of(2.0)).Plus(s.Of(0.5)));   // batch-norm statistics off their start
            var path = Path.Combine(_dir, "nearest.onnx");
            GeneratorExporter.Export(models.Generator, models.Describe(config, 0, "test"), path);

            const int n = 4;
            var z = Wasserforge.Latent.LatentSampler.Sample(7, models.LatentDim * n);
            using var ort = GeneratorModel.Load(path);
            using var det = GeneratorModel.Load(path, new GeneratorOptions { Device = ExecutionDevice.Deterministic, IntraOpThreads = 1 });
            Assert.That(det.ActiveDevice, Is.EqualTo(ExecutionDevice.Deterministic));
            var a = new float[n * ort.ValuesPerSample];
            var b = new float[n * det.ValuesPerSample];
            ort.Generate(z, n, a);
            det.Generate(z, n, b);
            var worst = a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
            Assert.That(worst, Is.LessThan(2e-3), "largest difference between the deterministic device and ONNX Runtime (outputs in [-1, 1])");
            Assert.That(a.Select(v => Math.Round(v, 2)).Distinct().Count(), Is.GreaterThan(50), "a real image, not a constant");
        }
    }
}
