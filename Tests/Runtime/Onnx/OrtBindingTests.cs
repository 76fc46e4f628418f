using System;
using System.IO;
using System.Threading;
using NUnit.Framework;
using Wasserforge.Onnx;

namespace Wasserforge.Tests.Onnx
{
    /// <summary>The hand-written ORT binding against the real ONNX Runtime library.</summary>
    public class OrtBindingTests
    {
        [Test]
        public void ApiTableLoadsAndReportsTheVersion()
        {
            var api = OrtApi.Instance;
            Assert.That(api.Version, Does.Match(@"^1\.\d+\.\d+"));
            Assert.That(OrtApi.Instance, Is.SameAs(api), "the table is read once per process");
        }

        [Test]
        public void CpuProviderIsAlwaysAvailable()
        {
            Assert.That(OrtApi.Instance.AvailableProviders(), Does.Contain("CPUExecutionProvider"));
        }

        [Test]
        public void FailingStatusBecomesTypedExceptionWithOrtCodeAndMessage()
        {
            var e = Assert.Throws<OnnxRuntimeException>(() => OrtSession.Create(new byte[] { 0x12, 0x34, 0x56, 0x78, 0x9a }, null).Dispose());
            Assert.That(e.Code, Is.Not.EqualTo(OrtErrorCode.Ok));
            Assert.That(e.Code, Is.EqualTo(OrtErrorCode.InvalidProtobuf).Or.EqualTo(OrtErrorCode.InvalidArgument).Or.EqualTo(OrtErrorCode.Fail));
            Assert.That(e.OrtMessage, Is.Not.Empty);
            Assert.That(e.Message, Does.Contain(e.OrtMessage).And.Contain(e.Code.ToString()));
            Assert.That(e, Is.InstanceOf<WasserforgeException>());
        }

        [Test]
        public void SessionReadsNamesShapesTypesAndMetadata()
        {
            using (var session = OrtSession.Create(File.ReadAllBytes(TestPaths.Fixture("generator_v1_gray_4x2.onnx")), null))
            {
                Assert.That(session.Inputs, Has.Length.EqualTo(1));
                Assert.That(session.Inputs[0].Name, Is.EqualTo("z"));
                Assert.That(session.Inputs[0].ElementType, Is.EqualTo(OrtTensorInfo.Float32));
                Assert.That(session.Inputs[0].Shape, Is.EqualTo(new long[] { -1, 8 }));
                Assert.That(session.Outputs[0].Name, Is.EqualTo("image"));
                Assert.That(session.Outputs[0].Shape, Is.EqualTo(new long[] { -1, 1, 2, 4 }));
                Assert.That(session.Outputs[0].ShapeText(), Is.EqualTo("[N, 1, 2, 4]"));
                Assert.That(session.Metadata["wasserforge.width"], Is.EqualTo("4"));
                Assert.That(session.Metadata["wasserforge.height"], Is.EqualTo("2"));
            }
        }

        [Test]
        public void ElementTypesAreRead()
        {
            using (var session = OrtSession.Create(File.ReadAllBytes(TestPaths.Fixture("broken_v1_int64_input.onnx")), null))
                Assert.That(session.Inputs[0].ElementTypeName(), Is.EqualTo("int64"));
            using (var session = OrtSession.Create(File.ReadAllBytes(TestPaths.Fixture("broken_v1_float64_output.onnx")), null))
                Assert.That(session.Outputs[0].ElementTypeName(), Is.EqualTo("float64"));
        }

        [Test]
        public void TerminateFlagStopsTheRunAndSurfacesAsCancellation()
        {
            // The token is already cancelled: registering it sets ORT's terminate flag on the run
            // options, so ORT itself refuses to run (no managed early exit on this path).
            using (var model = GeneratorModel.Load(TestPaths.Fixture("generator_v1_rgb_4x4.onnx")))
            using (var cts = new CancellationTokenSource())
            {
                cts.Cancel();
                var output = new float[48];
                var e = Assert.Throws<OperationCanceledException>(() => model.GenerateCancellable(new float[8], 1, output, cts.Token));
                Assert.That(e.InnerException, Is.InstanceOf<OnnxRuntimeException>());
                Assert.That(e.CancellationToken, Is.EqualTo(cts.Token));
                // The model is still usable afterwards with a fresh token.
                model.GenerateCancellable(new float[8], 1, output, CancellationToken.None);
                var expected = new float[48];
                model.Generate(new float[8], 1, expected);
                Assert.That(output, Is.EqualTo(expected));
            }
        }

        [Test]
        public void LoadedLibraryIsFoundForProviderLookups()
        {
            if (!File.Exists("/proc/self/maps")) Assert.Ignore("reads /proc/self/maps (Linux)");
            var dir = OrtLibraryLocation.LoadedLibraryDirectory();
            Assert.That(dir, Is.Not.Null);
            Assert.That(Directory.GetFiles(dir, "libonnxruntime.so*"), Is.Not.Empty);
            Assert.That(OrtLibraryLocation.SearchDirectories(), Does.Contain(dir));
        }
    }
}
