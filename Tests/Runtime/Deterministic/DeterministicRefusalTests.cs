using System;
using System.IO;
using NUnit.Framework;
using Wasserforge.Deterministic;

namespace Wasserforge.Tests.Deterministic
{
    /// <summary>
    /// The deterministic device runs only what the exporter writes: any other operator, attribute
    /// value, constant form or file problem is refused with a typed error naming the file, the node,
    /// the operator and the attribute.
    /// </summary>
    public class DeterministicRefusalTests
    {
        const string File = "refused.onnx";

        /// <summary>z[N, 8] → Gemm → [N, 48] → Reshape [3, 4, 4] → (the node under test) → Tanh → image.</summary>
        static byte[] WithNode(Func<OnnxBuilder, string, string> node, int channels = 3, int size = 4)
        {
            var b = new OnnxBuilder(3);
            b.ImageContract(8, channels, size, size);
            var x = b.Node("Gemm", new[] { "z", b.Random("w", 0.5f, 48, 8), b.Random("b", 0.1f, 48) }, OnnxBuilder.A("transB", 1L));
            x = b.Node("Reshape", new[] { x, b.Longs("shape", -1, 3, 4, 4) });
            x = node(b, x);
            b.Identity(b.Node("Tanh", new[] { x }), "image");
            return b.Build();
        }

        static string Conv(OnnxBuilder b, string x, params System.Collections.Generic.KeyValuePair<string, object>[] attributes) =>
            b.Node("Conv", new[] { x, b.Random("k", 0.3f, 3, 3, 3, 3), b.Random("kb", 0.1f, 3) },
                Append(attributes, OnnxBuilder.A("pads", new long[] { 1, 1, 1, 1 })));

        static System.Collections.Generic.KeyValuePair<string, object>[] Append(System.Collections.Generic.KeyValuePair<string, object>[] a, System.Collections.Generic.KeyValuePair<string, object> extra)
        {
            foreach (var kv in a) if (kv.Key == extra.Key) return a;
            var r = new System.Collections.Generic.KeyValuePair<string, object>[a.Length + 1];
            a.CopyTo(r, 0);
            r[a.Length] = extra;
            return r;
        }

        static ModelLoadException Refused(byte[] model)
        {
            var e = Assert.Throws<ModelLoadException>(() => DeterministicGenerator.Load(model, null, File).Dispose());
            Assert.That(e.FilePath, Is.EqualTo(File));
            Assert.That(e.Message, Does.StartWith(File + ": "));
            return e;
        }

        static void AssertRefused(byte[] model, string op, string attribute, string text)
        {
            var e = Refused(model);
            Assert.That(e.Reason, Is.EqualTo(ModelLoadError.UnsupportedOperator), e.Message);
            Assert.That(e.Operator, Is.EqualTo(op), e.Message);
            Assert.That(e.Attribute, Is.EqualTo(attribute), e.Message);
            Assert.That(e.Message, Does.Contain(text), e.Message);
        }

        [Test]
        public void TheBaseModelLoads()
        {
            using (var g = DeterministicGenerator.Load(WithNode((b, x) => Conv(b, x)), null, File)) Assert.That(g.Channels, Is.EqualTo(3));
        }

        [Test]
        public void UnknownOperatorIsRefusedByName()
        {
            AssertRefused(WithNode((b, x) => b.Node("Softmax", new[] { x }, OnnxBuilder.A("axis", 1L))), "Softmax", null, "operator Softmax is not supported");
            AssertRefused(WithNode((b, x) => b.Node("Add", new[] { x, b.Random("c", 1f, 3, 1, 1) })), "Add", null, "Gemm, Conv");
        }

        [Test]
        public void CustomDomainIsRefused() =>
            AssertRefused(WithNode((b, x) => b.NodeIn("com.microsoft", "Relu", new[] { x })), "Relu", null, "custom domain");

        [TestCase("group", 3L, "group = 1")]
        [TestCase("dilations", null, "dilations [1, 1]")]
        [TestCase("auto_pad", "SAME_UPPER", "auto_pad NOTSET")]
        [TestCase("kernel_shape", null, "kernel")]
        public void ConvAttributesOutsideTheExportersAreRefused(string attribute, object value, string text)
        {
            if (attribute == "dilations") value = new long[] { 2, 2 };
            if (attribute == "kernel_shape") value = new long[] { 5, 5 };
            AssertRefused(WithNode((b, x) => Conv(b, x, OnnxBuilder.A(attribute, value))), "Conv", attribute, text);
        }

        [Test]
        public void UnknownAttributeIsRefused() =>
            AssertRefused(WithNode((b, x) => b.Node("Relu", new[] { x }, OnnxBuilder.A("mystery", 1L))), "Relu", "mystery", "attribute 'mystery' is not supported");

        [Test]
        public void GemmScalingIsRefused()
        {
            var b = new OnnxBuilder(1);
            b.ImageContract(8, 3, 4, 4);
            var x = b.Node("Gemm", new[] { "z", b.Random("w", 0.5f, 48, 8) }, OnnxBuilder.A("transB", 1L), OnnxBuilder.A("alpha", 2f));
            b.Identity(b.Node("Reshape", new[] { x, b.Longs("shape", -1, 3, 4, 4) }), "image");
            AssertRefused(b.Build(), "Gemm", "alpha", "alpha = 1");
        }

        [Test]
        public void ComputedWeightsAreRefused()
        {
            var b = new OnnxBuilder(1);
            b.ImageContract(8, 3, 4, 4);
            var w = b.Node("Identity", new[] { b.Random("w", 0.5f, 48, 8) });
            var x = b.Node("Gemm", new[] { "z", w }, OnnxBuilder.A("transB", 1L));
            b.Identity(b.Node("Reshape", new[] { x, b.Longs("shape", -1, 3, 4, 4) }), "image");
            AssertRefused(b.Build(), "Identity", "input", "is a constant");
        }

        [Test]
        public void ResizeModesOtherThanNearestAsymmetricFloorAreRefused()
        {
            foreach (var (attribute, value, text) in new[] { ("mode", "linear", "mode 'nearest'"), ("coordinate_transformation_mode", "half_pixel", "'asymmetric'"), ("nearest_mode", "round_prefer_floor", "'floor'") })
            {
                var model = WithNode((b, x) =>
                {
                    var r = b.Node("Resize", new[] { x, "", b.Floats("scales", new float[] { 1, 1, 1, 1 }, 4) },
                        OnnxBuilder.A("mode", attribute == "mode" ? value : "nearest"),
                        OnnxBuilder.A("coordinate_transformation_mode", attribute == "coordinate_transformation_mode" ? value : "asymmetric"),
                        OnnxBuilder.A("nearest_mode", attribute == "nearest_mode" ? value : "floor"));
                    return r;
                });
                AssertRefused(model, "Resize", attribute, text);
            }
            AssertRefused(WithNode((b, x) => b.Node("Resize", new[] { x, "", b.Floats("scales", new float[] { 1, 1, 1.5f, 1.5f }, 4) },
                OnnxBuilder.A("mode", "nearest"), OnnxBuilder.A("coordinate_transformation_mode", "asymmetric"), OnnxBuilder.A("nearest_mode", "floor")), 3, 6),
                "Resize", "scales", "whole sH, sW");
        }

        [Test]
        public void ConvTransposeOutputShapeIsRefused() =>
            AssertRefused(WithNode((b, x) => b.Node("ConvTranspose", new[] { x, b.Random("k", 0.3f, 3, 3, 1, 1) }, OnnxBuilder.A("output_shape", new long[] { 4, 4 }))),
                "ConvTranspose", "output_shape", "output_shape");

        [Test]
        public void SliceStepsAndBatchAxisAreRefused()
        {
            AssertRefused(WithNode((b, x) => b.Node("Slice", new[] { x, b.Longs("s", 0), b.Longs("e", 4), b.Longs("a", 3), b.Longs("st", 2) })), "Slice", "steps", "step 2");
            AssertRefused(WithNode((b, x) => b.Node("Slice", new[] { x, b.Longs("s", 0), b.Longs("e", 1), b.Longs("a", 0) })), "Slice", "axes", "batch dimension");
        }

        [Test]
        public void ReshapeThatMovesTheBatchIsRefused()
        {
            var b = new OnnxBuilder(1);
            b.ImageContract(8, 3, 4, 4);
            var x = b.Node("Gemm", new[] { "z", b.Random("w", 0.5f, 48, 8) }, OnnxBuilder.A("transB", 1L));
            b.Identity(b.Node("Reshape", new[] { x, b.Longs("shape", 3, -1, 4, 4) }), "image");
            AssertRefused(b.Build(), "Reshape", "shape", "batch");
        }

        [Test]
        public void LeakySlopeOutsideZeroToOneIsRefused() =>
            AssertRefused(WithNode((b, x) => b.Node("LeakyRelu", new[] { x }, OnnxBuilder.A("alpha", 1.5f))), "LeakyRelu", "alpha", "0 ≤ alpha ≤ 1");

        [Test]
        public void NonFiniteWeightsAreRefused()
        {
            var w = new float[48 * 8];
            w[17] = float.NaN;
            var b = new OnnxBuilder(1);
            b.ImageContract(8, 3, 4, 4);
            var x = b.Node("Gemm", new[] { "z", b.Floats("w", w, 48, 8) }, OnnxBuilder.A("transB", 1L));
            b.Identity(b.Node("Reshape", new[] { x, b.Longs("shape", -1, 3, 4, 4) }), "image");
            AssertRefused(b.Build(), "Gemm", "B", "NaN");
        }

        [TestCase(9)]
        [TestCase(18)]
        public void OperatorSetsOutsideTheImplementedOnesAreRefused(int opset)
        {
            var b = new OnnxBuilder(1) { Opset = opset };
            b.ImageContract(8, 3, 4, 4);
            var x = b.Node("Gemm", new[] { "z", b.Random("w", 0.5f, 48, 8) }, OnnxBuilder.A("transB", 1L));
            b.Identity(b.Node("Reshape", new[] { x, b.Longs("shape", -1, 3, 4, 4) }), "image");
            var e = Refused(b.Build());
            Assert.That(e.Reason, Is.EqualTo(ModelLoadError.UnsupportedOperator));
            Assert.That(e.Attribute, Is.EqualTo("opset_import"));
            Assert.That(e.Message, Does.Contain($"operator set {opset}"));
        }

        [Test]
        public void AGraphThatComputesTheWrongShapeIsRefused()
        {
            var b = new OnnxBuilder(1);
            b.ImageContract(8, 3, 8, 8);                      // the metadata says 8×8, the graph makes 4×4
            var x = b.Node("Gemm", new[] { "z", b.Random("w", 0.5f, 48, 8) }, OnnxBuilder.A("transB", 1L));
            b.Identity(b.Node("Reshape", new[] { x, b.Longs("shape", -1, 3, 4, 4) }), "image");
            var e = Refused(b.Build());
            Assert.That(e.Reason, Is.EqualTo(ModelLoadError.WrongOutput), e.Message);
            Assert.That(e.Message, Does.Contain("[N, 3, 4, 4]"));
        }

        [Test]
        public void TruncatedAndForeignFilesAreTyped()
        {
            var good = WithNode((b, x) => Conv(b, x));
            var cut = new byte[good.Length / 2];
            Array.Copy(good, cut, cut.Length);
            Assert.That(Refused(cut).Reason, Is.EqualTo(ModelLoadError.Truncated));
            Assert.That(Refused(System.Text.Encoding.UTF8.GetBytes("PK\u0003\u0004 this is a zip, not a model")).Reason, Is.EqualTo(ModelLoadError.NotOnnx));
            Assert.That(Refused(new byte[0]).Reason, Is.EqualTo(ModelLoadError.NotOnnx));
        }

        [Test]
        public void MissingFileIsNamed()
        {
            var path = Path.Combine(TestPaths.NewTempDir(), "absent.onnx");
            var e = Assert.Throws<ModelLoadException>(() => DeterministicGenerator.Load(path));
            Assert.That(e.Reason, Is.EqualTo(ModelLoadError.NotAFile));
            Assert.That(e.FilePath, Is.EqualTo(path));
        }
    }
}
