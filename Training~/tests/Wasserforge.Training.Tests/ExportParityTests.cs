using System;
using System.IO;
using System.Linq;
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
    /// <summary>The exported ONNX run through ONNX Runtime matches the TorchSharp (libtorch) forward pass (max abs diff ≤ 1e-4), and passes the ONNX checker.</summary>
    public class ExportParityTests
    {
        string _dir;
        [SetUp] public void Dir() => _dir = TestDirs.New();
        [TearDown] public void Clean() => Directory.Delete(_dir, true);

        internal static TrainConfig Config(string kind, int size, int channels, bool tileable, int latent = 16, string upsample = null, int fullRes = 0, int convsPerLevel = 1)
        {
            var c = new TrainConfig();
            c.Model.Kind = kind;
            c.Model.LatentDim = latent;
            c.Model.Width = 8;
            c.Model.MaxWidth = 32;
            c.Model.Depth = 2;
            c.Model.Tileable = tileable;
            c.Model.Upsample = upsample;
            c.Model.FullResWidth = fullRes;
            c.Model.CriticFullResWidth = fullRes;
            c.Model.ConvsPerLevel = convsPerLevel;
            c.Data.Size = size;
            c.Data.Channels = channels;
            ConfigDefaults.Apply(c);
            return c;
        }

        [TestCase("dcgan", 16, 3, false)]
        [TestCase("dcgan", 32, 4, false)]
        [TestCase("dcgan", 16, 1, true)]
        [TestCase("dcgan", 32, 3, true)]
        [TestCase("mlp", 0, 2, false)]
        [TestCase("dcgan", 16, 3, false, "nearest")]
        [TestCase("dcgan", 32, 4, false, "nearest")]
        [TestCase("dcgan", 32, 3, false, "nearest", 12)]
        [TestCase("dcgan", 16, 4, true, null, 6)]
        [TestCase("dcgan", 32, 3, false, "nearest", 12, 2)]
        [TestCase("dcgan", 32, 3, true, null, 0, 2)]
        public void OnnxRuntimeMatchesTorchSharp(string kind, int size, int channels, bool tileable, string upsample = null, int fullRes = 0, int convsPerLevel = 1)
        {
            manual_seed(5);
            var config = Config(kind, size == 0 ? 16 : size, channels, tileable, kind == "mlp" ? 2 : 16, upsample, fullRes, convsPerLevel);
            using var models = ModelFactory.Create(config, channels);
            using var gen = new Generator(9);
            // Move batch-norm statistics away from their initial values, as training does.
            using (NewDisposeScope())
            using (no_grad())
            using (var s = new ScalarScope())
                for (var i = 0; i < 3; i++) models.Generator.forward(randn(new long[] { 8, models.LatentDim }, generator: gen).mul(s.Of(2.0)).Plus(s.Of(0.5)));
            models.Generator.eval();

            var description = models.Describe(config, 0, "test");
            var path = Path.Combine(_dir, "g.onnx");
            GeneratorExporter.Export(models.Generator, description, path);

            const int n = 5;
            float[] z, expected;
            using (NewDisposeScope())
            using (no_grad())
            {
                var zt = randn(new long[] { n, models.LatentDim }, generator: gen);
                z = zt.data<float>().ToArray();
                expected = models.Generator.forward(zt).data<float>().ToArray();
            }
            using var model = GeneratorModel.Load(path);
            var actual = new float[n * model.ValuesPerSample];
            model.Generate(z, n, actual);
            Assert.That(actual.Length, Is.EqualTo(expected.Length));
            var maxDiff = actual.Zip(expected, (a, b) => Math.Abs(a - b)).Max();
            Assert.That(maxDiff, Is.LessThanOrEqualTo(1e-4f), $"max |ORT − TorchSharp| = {maxDiff}");

            var (code, output) = TestDirs.Python(
                "import onnx,sys\nm=onnx.load(sys.argv[1])\nonnx.checker.check_model(m, full_check=True)\nprint('ok', m.opset_import[0].version, sorted(set(n.op_type for n in m.graph.node)))", path);
            Assert.That(code, Is.EqualTo(0), output);
            Assert.That(output, Does.StartWith("ok 13"));
        }
    }
}
