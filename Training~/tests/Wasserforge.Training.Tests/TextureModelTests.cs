using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NUnit.Framework;
using TorchSharp;
using Wasserforge.Contract;
using Wasserforge.Training.Config;
using Wasserforge.Training.Engine;
using Wasserforge.Training.Export;
using Wasserforge.Training.Models;
using static TorchSharp.torch;

namespace Wasserforge.Training.Tests
{
    /// <summary>The texture generator: shapes, exact tiling (circular padding everywhere), the stated halo, and the ONNX export per contract v2.</summary>
    public class TextureModelTests
    {
        string _dir;
        [SetUp] public void Dir() => _dir = TestDirs.New("wf-tex-");
        [TearDown] public void Clean() { if (Directory.Exists(_dir)) Directory.Delete(_dir, true); }

        internal static TrainConfig Config(int latent = 6, int noise = 3, int crop = 16, string loss = "wgan-gp")
        {
            var c = new TrainConfig();
            c.Model.Kind = ModelFactory.TextureKind;
            c.Model.LatentDim = latent;
            c.Model.NoiseChannels = noise;
            c.Model.Width = 4;
            c.Model.MaxWidth = 8;
            c.Data.Size = 32;
            c.Data.CropSize = crop;
            c.Loss.Kind = loss;
            ConfigDefaults.Apply(c);
            return c;
        }

        /// <summary>Moves the batch-norm statistics away from their initial values, as training does.</summary>
        static void Warm(GanModels m, Generator gen)
        {
            using (NewDisposeScope())
            using (no_grad())
            using (var s = new ScalarScope())
                for (var i = 0; i < 3; i++) m.Generator.forward(randn(new long[] { 8, m.LatentDim }, generator: gen).mul(s.Of(1.5)).Plus(s.Of(0.3)));
            m.Generator.eval();
        }

        [Test]
        public void TheTrainingLatentIsTheGlobalCodeThenOneCropsNoiseAndTheOutputIsTheCrop()
        {
            manual_seed(3);
            using var m = ModelFactory.Create(Config(latent: 6, noise: 3, crop: 16), 3);
            var t = m.Texture;
            Assert.That(t, Is.Not.Null);
            Assert.That((t.GlobalDim, t.NoiseChannels, t.TrainingCells, t.NoiseScale, m.LatentDim), Is.EqualTo((6, 3, 2, 8, 6 + 3 * 2 * 2)));
            Assert.That(m.SampleShape, Is.EqualTo(new long[] { 3, 16, 16 }));
            using var gen = new Generator(4);
            using (NewDisposeScope())
            using (no_grad())
            {
                var latent = randn(new long[] { 2, m.LatentDim }, generator: gen);
                var packed = m.Generator.forward(latent);
                var split = t.Forward(latent.narrow(1, 0, 6), latent.narrow(1, 6, 12).reshape(2, 3, 2, 2));
                Assert.That(packed.shape, Is.EqualTo(new long[] { 2, 3, 16, 16 }));
                Assert.That((packed - split).abs().max().item<float>(), Is.EqualTo(0f));
                Assert.That(t.Forward(latent.narrow(1, 0, 6), randn(new long[] { 2, 3, 5, 7 }, generator: gen)).shape, Is.EqualTo(new long[] { 2, 3, 40, 56 }));
            }
        }

        [Test]
        public void ShiftingTheNoiseByWholeCellsShiftsTheOutputCyclicallySoItTiles()
        {
            manual_seed(5);
            using var m = ModelFactory.Create(Config(), 3);
            using var gen = new Generator(6);
            Warm(m, gen);
            using (NewDisposeScope())
            using (no_grad())
            {
                var z = randn(new long[] { 2, 6 }, generator: gen);
                var noise = randn(new long[] { 2, 3, 5, 7 }, generator: gen);
                var a = m.Texture.Forward(z, noise);
                var b = m.Texture.Forward(z, noise.roll(new long[] { 2, 3 }, new long[] { 2, 3 }));
                var diff = (b - a.roll(new long[] { 16, 24 }, new long[] { 2, 3 })).abs().max().item<float>();
                Assert.That(diff, Is.LessThanOrEqualTo(1e-5f), "a circular shift of the noise is the same circular shift of the image: no edge is special");
            }
        }

        [Test]
        public void OneNoiseCellReachesExactlyTheStatedHalo()
        {
            manual_seed(7);
            using var m = ModelFactory.Create(Config(), 3);
            using var gen = new Generator(8);
            Warm(m, gen);
            Assert.That(m.Texture.NoiseHalo, Is.EqualTo(2));
            const int cells = 9, cy = 4, cx = 4;
            using (NewDisposeScope())
            using (no_grad())
            {
                var z = randn(new long[] { 1, 6 }, generator: gen);
                var noise = randn(new long[] { 1, 3, cells, cells }, generator: gen);
                var a = m.Texture.Forward(z, noise);
                var changed = noise.clone();
                changed[0, TensorIndex.Colon, cy, cx] += 3.0f;
                var d = (m.Texture.Forward(z, changed) - a).abs().amax(new long[] { 0, 1 }).data<float>().ToArray();   // [72 * 72]
                var reach = 0;
                for (var y = 0; y < cells * 8; y++)
                    for (var x = 0; x < cells * 8; x++)
                        if (d[y * cells * 8 + x] > 1e-6f) reach = Math.Max(reach, Math.Max(Math.Abs(y / 8 - cy), Math.Abs(x / 8 - cx)));
                Assert.That(reach, Is.EqualTo(m.Texture.NoiseHalo), "the change reaches exactly the halo's cells, no farther");
            }
        }

        [TestCase(4, 4)]
        [TestCase(7, 5)]
        public void OnnxRuntimeMatchesTorchSharpForAnyNoiseGrid(int w, int h)
        {
            manual_seed(11);
            var config = Config(latent: 6, noise: 3, crop: 16);
            using var m = ModelFactory.Create(config, 3);
            using var gen = new Generator(12);
            Warm(m, gen);
            // FiLM layers start at zero; give them weights so the test sees the global code's path.
            using (no_grad()) foreach (var p in m.Generator.named_parameters().Where(p => p.name.Contains("ilm"))) p.parameter.normal_(0, 0.3, gen);
            var path = Path.Combine(_dir, "t.onnx");
            GeneratorExporter.Export(m.Generator, m.Describe(config, 7, "test"), path);

            const int n = 2;
            float[] z, noise, expected;
            using (NewDisposeScope())
            using (no_grad())
            {
                var zt = randn(new long[] { n, 6 }, generator: gen);
                var nt = randn(new long[] { n, 3, h, w }, generator: gen);
                z = zt.data<float>().ToArray();
                noise = nt.data<float>().ToArray();
                expected = m.Texture.Forward(zt, nt).data<float>().ToArray();
            }
            using var session = new InferenceSession(path);
            var inputs = new List<NamedOnnxValue>
            {
                NamedOnnxValue.CreateFromTensor("z", new DenseTensor<float>(z, new[] { n, 6 })),
                NamedOnnxValue.CreateFromTensor("noise", new DenseTensor<float>(noise, new[] { n, 3, h, w })),
            };
            using var results = session.Run(inputs);
            var image = results.Single(r => r.Name == "image").AsTensor<float>();
            Assert.That(image.Dimensions.ToArray(), Is.EqualTo(new[] { n, 3, 8 * h, 8 * w }));
            var actual = image.ToArray();
            var maxDiff = actual.Zip(expected, (a, b) => Math.Abs(a - b)).Max();
            Assert.That(maxDiff, Is.LessThanOrEqualTo(1e-5f), $"max |ORT − TorchSharp| = {maxDiff}");

            var meta = session.ModelMetadata.CustomMetadataMap;
            Assert.That(meta[MetadataKeys.ContractVersion], Is.EqualTo("2"));
            Assert.That(meta[MetadataKeys.Kind], Is.EqualTo("texture"));
            Assert.That(meta[MetadataKeys.LatentDim], Is.EqualTo("6"));
            Assert.That(meta[MetadataKeys.Tileable], Is.EqualTo("true"));
            Assert.That((meta[MetadataKeys.Width], meta[MetadataKeys.Height]), Is.EqualTo(("16", "16")), "the training crop: the default output size");
            Assert.That((meta["wasserforge.noise_channels"], meta["wasserforge.noise_scale"], meta["wasserforge.noise_halo"], meta["wasserforge.noise_layout"]),
                Is.EqualTo(("3", "8", "2", "wf-noise-1")));
        }

        [Test]
        public void TheGraphUsesOnlyTheContractsOperatorsAndPassesTheOnnxChecker()
        {
            manual_seed(13);
            var config = Config();
            using var m = ModelFactory.Create(config, 4);
            var description = m.Describe(config, 0, "test");
            var graph = GeneratorExporter.BuildGraph(m.Generator, description);
            var allowed = new[] { "Conv", "Resize", "Slice", "Concat", "Gemm", "Reshape", "Add", "Mul", "Relu", "Tanh", "Identity" };
            Assert.That(graph.OperatorTypes, Is.SubsetOf(allowed));
            Assert.That(graph.OperatorTypes, Does.Not.Contain("Expand").And.Not.Contain("Tile").And.Not.Contain("Shape"));
            var path = Path.Combine(_dir, "t.onnx");
            GeneratorExporter.Export(m.Generator, description, path);
            var (code, output) = TestDirs.Python(
                "import onnx,sys\nm=onnx.load(sys.argv[1])\nonnx.checker.check_model(m, full_check=True)\nprint('ok', m.opset_import[0].version, [i.name for i in m.graph.input])", path);
            Assert.That(code, Is.EqualTo(0), output);
            Assert.That(output, Does.StartWith("ok 13 ['z', 'noise']"));
        }
    }
}
