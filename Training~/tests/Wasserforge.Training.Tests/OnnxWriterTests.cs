using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NUnit.Framework;
using Wasserforge.Contract;
using Wasserforge.Latent;
using Wasserforge.Pixels;
using Wasserforge.Training.Data;
using Wasserforge.Training.Export;
using Wasserforge.Training.Export.Onnx;

namespace Wasserforge.Training.Tests
{
    /// <summary>
    /// Small graphs with known weights, built with <see cref="OnnxGraph"/>'s helpers, run through the
    /// real ONNX Runtime (the runtime's <see cref="GeneratorModel"/>) and compared with PyTorch
    /// (Debian's python3-torch) computing the same function from the same weights, without ONNX:
    /// max abs difference ≤ 1e-4. Every file also passes <c>onnx.checker.check_model(full_check=True)</c>.
    /// </summary>
    public class OnnxWriterTests
    {
        const int Batch = 3;
        string _dir;
        Dictionary<string, (float[] values, int[] shape)> _arrays;
        Xoshiro256 _rng;

        [SetUp]
        public void SetUp() { _dir = TestDirs.New("wf-onnx-"); _arrays = new Dictionary<string, (float[], int[])>(); _rng = new Xoshiro256(42); }
        [TearDown] public void Clean() => Directory.Delete(_dir, true);

        /// <summary>Seeded uniform values in [−scale, scale], remembered for the Python reference as NAME.npy.</summary>
        float[] Values(string name, float scale, params int[] shape)
        {
            var v = new float[shape.Aggregate(1, (a, b) => a * b)];
            for (var i = 0; i < v.Length; i++) v[i] = (float)((_rng.NextDouble() * 2 - 1) * scale);
            _arrays[name] = (v, shape);
            return v;
        }

        /// <summary>A float32 initializer filled with seeded values, also saved for the reference.</summary>
        string Weight(OnnxGraph g, string name, float scale, params int[] shape) =>
            g.Constant(name, Values(name, scale, shape), shape.Select(d => (long)d).ToArray());

        static GeneratorDescription Image(int latent, int c, int h, int w) =>
            new GeneratorDescription { LatentDim = latent, Channels = c, Height = h, Width = w, CreatedBy = "test" };

        /// <summary>Exports, runs in ONNX Runtime, runs <paramref name="torchCode"/> (x = z as a tensor, W = dict of tensors; sets y) and compares.</summary>
        void Check(OnnxGraph g, GeneratorDescription d, string torchCode, int[] outputShape)
        {
            var z = Values("z", 1.5f, Batch, d.LatentDim);
            var path = Path.Combine(_dir, "model.onnx");
            OnnxModelWriter.Write(path, g, ModelContract.OpsetVersion, d.ToMetadata(), "test");
            foreach (var kv in _arrays) NpyWriter.WriteFile(Path.Combine(_dir, kv.Key + ".npy"), kv.Value.values, kv.Value.shape);

            float[] actual;
            using (var model = GeneratorModel.Load(path))
            {
                actual = new float[Batch * model.ValuesPerSample];
                model.Generate(z, Batch, actual);
            }

            var script = $@"
import sys, os, numpy as np, torch, torch.nn.functional as F, onnx
d = sys.argv[1]
W = {{f[:-4]: torch.from_numpy(np.load(os.path.join(d, f))) for f in os.listdir(d) if f.endswith('.npy')}}
z = W['z']
{torchCode}
np.save(os.path.join(d, 'expected.npy'), y.detach().numpy().astype(np.float32))
m = onnx.load(os.path.join(d, 'model.onnx'))
onnx.checker.check_model(m, full_check=True)
print('ok', m.ir_version, m.opset_import[0].version, m.producer_name, list(y.shape))
";
            var (code, output) = TestDirs.Python(script, _dir);
            Assert.That(code, Is.EqualTo(0), output);
            Assert.That(output.Trim(), Is.EqualTo($"ok 7 13 wasserforge [{string.Join(", ", outputShape)}]"));
            var expected = ReadNpy(Path.Combine(_dir, "expected.npy"));
            Assert.That(actual.Length, Is.EqualTo(expected.Length));
            var maxDiff = actual.Zip(expected, (a, b) => Math.Abs(a - b)).Max();
            Assert.That(maxDiff, Is.LessThanOrEqualTo(1e-4f), $"max |ONNX Runtime − PyTorch| = {maxDiff}");
            Assert.That(expected.Select(Math.Abs).Max(), Is.GreaterThan(1e-3f), "the reference output should not be trivially zero");
        }

        static float[] ReadNpy(string path)
        {
            var bytes = File.ReadAllBytes(path);
            var headerLength = BitConverter.ToUInt16(bytes, 8);
            var header = System.Text.Encoding.ASCII.GetString(bytes, 10, headerLength);
            Assert.That(header, Does.Contain("'descr': '<f4'"));
            var data = new float[(bytes.Length - 10 - headerLength) / 4];
            Buffer.BlockCopy(bytes, 10 + headerLength, data, 0, data.Length * 4);
            return data;
        }

        static OnnxGraph NewGraph(int latent, out string z)
        {
            var g = new OnnxGraph();
            z = g.Input(ModelContract.InputName, OnnxGraph.BatchDimension, (long)latent);
            return g;
        }

        static void ImageOutput(OnnxGraph g, string x, int c, int h, int w) =>
            g.Output(x, ModelContract.OutputName, OnnxGraph.BatchDimension, (long)c, (long)h, (long)w);

        [Test]
        public void GemmTanhReshapeToAnImage()
        {
            var g = NewGraph(6, out var z);
            var x = g.Tanh(g.Gemm(z, Weight(g, "w", 0.8f, 48, 6), Weight(g, "b", 0.3f, 48)));
            ImageOutput(g, g.Reshape(x, -1, 3, 4, 4), 3, 4, 4);
            Check(g, Image(6, 3, 4, 4), "y = torch.tanh(z @ W['w'].T + W['b']).reshape(-1, 3, 4, 4)", new[] { Batch, 3, 4, 4 });
        }

        [Test]
        public void ConvWithCircularPaddingMatchesPyTorchCircular()
        {
            var g = NewGraph(2 * 8 * 8, out var z);
            var x = g.CircularPad(g.Reshape(z, -1, 2, 8, 8), 1);
            x = g.LeakyRelu(g.Conv(x, Weight(g, "w", 0.5f, 3, 2, 3, 3), Weight(g, "b", 0.2f, 3), 3), 0.2f);
            ImageOutput(g, x, 3, 8, 8);
            Check(g, Image(128, 3, 8, 8),
                "y = F.leaky_relu(F.conv2d(F.pad(z.reshape(-1, 2, 8, 8), (1, 1, 1, 1), mode='circular'), W['w'], W['b']), 0.2)",
                new[] { Batch, 3, 8, 8 });
        }

        [Test]
        public void ConvTransposeWithOutputPadding()
        {
            var g = NewGraph(4 * 5 * 5, out var z);
            var x = g.ConvTranspose(g.Reshape(z, -1, 4, 5, 5), Weight(g, "w", 0.5f, 4, 3, 3, 3), Weight(g, "b", 0.2f, 3), 3, stride: 2, pad: 1, outputPadding: 1);
            ImageOutput(g, g.Sigmoid(x), 3, 10, 10);
            Check(g, Image(100, 3, 10, 10),
                "y = torch.sigmoid(F.conv_transpose2d(z.reshape(-1, 4, 5, 5), W['w'], W['b'], stride=2, padding=1, output_padding=1))",
                new[] { Batch, 3, 10, 10 });
        }

        [Test]
        public void ResizeReflectPadConvRelu()
        {
            var g = NewGraph(3 * 4 * 4, out var z);
            var x = g.Resize(g.Reshape(z, -1, 3, 4, 4), 2, 2);
            x = g.Pad(x, 1, 1, 1, 1, "reflect");
            x = g.Relu(g.Conv(x, Weight(g, "w", 0.5f, 1, 3, 3, 3), null, 3));
            ImageOutput(g, x, 1, 8, 8);
            Check(g, Image(48, 1, 8, 8),
                "x = F.interpolate(z.reshape(-1, 3, 4, 4), scale_factor=2, mode='nearest')\ny = F.relu(F.conv2d(F.pad(x, (1, 1, 1, 1), mode='reflect'), W['w']))",
                new[] { Batch, 1, 8, 8 });
        }

        [Test]
        public void FoldedBatchNormMatchesUnfoldedBatchNorm()
        {
            var g = NewGraph(8, out var z);
            var lw = Values("lw", 0.5f, 32, 8); var lb = Values("lb", 0.2f, 32);
            var bn1 = Norm("n1", 32);
            var cw = Values("cw", 0.5f, 8, 3, 4, 4); var cb = Values("cb", 0.2f, 3);
            var bn2 = Norm("n2", 3);
            var foldedLw = (float[])lw.Clone(); var foldedLb = (float[])lb.Clone();
            BatchNormFolding.IntoGemm(foldedLw, foldedLb, bn1);
            var foldedCw = (float[])cw.Clone(); var foldedCb = (float[])cb.Clone();
            BatchNormFolding.IntoConvTranspose(foldedCw, foldedCb, bn2, inChannels: 8);

            var x = g.Relu(g.Gemm(z, g.Constant("lw", foldedLw, 32, 8), g.Constant("lb", foldedLb, 32)));
            x = g.ConvTranspose(g.Reshape(x, -1, 8, 2, 2), g.Constant("cw", foldedCw, 8, 3, 4, 4), g.Constant("cb", foldedCb, 3), 4, stride: 2, pad: 1);
            ImageOutput(g, g.Tanh(x), 3, 4, 4);
            Check(g, Image(8, 3, 4, 4), @"
def bn(x, n): return F.batch_norm(x, W[n + '_mean'], W[n + '_var'], W[n + '_gamma'], W[n + '_beta'], training=False, eps=1e-3)
x = F.relu(bn(z @ W['lw'].T + W['lb'], 'n1')).reshape(-1, 8, 2, 2)
y = torch.tanh(bn(F.conv_transpose2d(x, W['cw'], W['cb'], stride=2, padding=1), 'n2'))", new[] { Batch, 3, 4, 4 });
        }

        BatchNormParameters Norm(string name, int channels)
        {
            var gamma = Values(name + "_gamma", 1f, channels).Select(v => v + 1.2f).ToArray();
            _arrays[name + "_gamma"] = (gamma, new[] { channels });
            var variance = Values(name + "_var", 0.4f, channels).Select(v => v + 0.5f).ToArray();
            _arrays[name + "_var"] = (variance, new[] { channels });
            return new BatchNormParameters(gamma, Values(name + "_beta", 0.5f, channels), Values(name + "_mean", 0.5f, channels), variance, 1e-3);
        }

        [Test]
        public void MatMulAddMulTransposeAndConstantPad()
        {
            var g = NewGraph(5, out var z);
            var x = g.Mul(g.Add(g.MatMul(z, Weight(g, "w", 0.7f, 5, 24)), Weight(g, "b", 0.3f, 24)), Weight(g, "s", 2f, 24));
            x = g.Transpose(g.Reshape(x, -1, 3, 2, 4), 0, 1, 3, 2);              // [N, 3, 4, 2]
            x = g.Pad(x, 1, 0, 1, 0, "constant", 0.5f);                            // [N, 3, 6, 2]
            ImageOutput(g, x, 3, 6, 2);
            Check(g, Image(5, 3, 6, 2),
                "x = ((z @ W['w'] + W['b']) * W['s']).reshape(-1, 3, 2, 4).permute(0, 1, 3, 2)\ny = F.pad(x, (0, 0, 1, 1), value=0.5)",
                new[] { Batch, 3, 6, 2 });
        }

        [Test]
        public void PointGeneratorWithFoldedGemm()
        {
            var g = NewGraph(2, out var z);
            var w = Values("w", 0.8f, 16, 2); var b = Values("b", 0.2f, 16);
            var bn = Norm("n", 16);
            var wf = (float[])w.Clone(); var bf = (float[])b.Clone();
            BatchNormFolding.IntoGemm(wf, bf, bn);
            var x = g.Relu(g.Gemm(z, g.Constant("wf", wf, 16, 2), g.Constant("bf", bf, 16)));
            x = g.Gemm(x, Weight(g, "w2", 0.5f, 2, 16), Weight(g, "b2", 0.1f, 2));
            g.Output(x, ModelContract.OutputName, OnnxGraph.BatchDimension, 2L);
            var d = new GeneratorDescription { Kind = ModelContract.KindPoints, LatentDim = 2, Channels = 2 };
            Check(g, d, @"
h = F.batch_norm(z @ W['w'].T + W['b'], W['n_mean'], W['n_var'], W['n_gamma'], W['n_beta'], training=False, eps=1e-3)
y = F.relu(h) @ W['w2'].T + W['b2']", new[] { Batch, 2 });
        }
    }
}
