using System;
using System.IO;
using System.Threading;
using NUnit.Framework;
using Wasserforge.Contract;
using Wasserforge.Generation;
using Wasserforge.Inference;
using Wasserforge.Onnx;

namespace Wasserforge.Tests.Inference
{
    /// <summary>The ONNX Runtime engine (ORT's C# API) against the real ONNX Runtime library.</summary>
    public class OrtEngineTests
    {
        static readonly GeneratorOptions Cpu = new GeneratorOptions { Device = ExecutionDevice.Cpu };

        static OrtEngine Engine(string fixture) =>
            OrtEngine.Create(File.ReadAllBytes(TestPaths.Fixture(fixture)), Cpu, out _, out _);

        [Test]
        public void RuntimeReportsItsVersionAndTheCpuProvider()
        {
            Assert.That(OrtLibrary.Version, Does.Match(@"^1\.\d+\.\d+"));
            Assert.That(OrtLibrary.AvailableProviders, Does.Contain("CPUExecutionProvider"));
            Assert.That(GeneratorModel.DescribeRuntime(), Does.StartWith("ONNX Runtime " + OrtLibrary.Version + " (").And.Contain("CPUExecutionProvider"));
        }

        [Test]
        public void RefusedModelBecomesTypedExceptionWithOrtCodeAndMessage()
        {
            var e = Assert.Throws<OnnxRuntimeException>(() => OrtEngine.Create(new byte[] { 0x12, 0x34, 0x56, 0x78, 0x9a }, Cpu, out _, out _).Dispose());
            Assert.That(e.Code, Is.EqualTo(OrtErrorCode.InvalidProtobuf).Or.EqualTo(OrtErrorCode.InvalidArgument).Or.EqualTo(OrtErrorCode.Fail));
            Assert.That(e.OrtMessage, Is.Not.Empty.And.Not.StartWith("[ErrorCode"));
            Assert.That(e.Message, Does.Contain(e.OrtMessage).And.Contain(e.Code.ToString()));
            Assert.That(e.InnerException, Is.Not.Null, "ORT's own exception is kept");
            Assert.That(e, Is.InstanceOf<WasserforgeException>());
        }

        [TestCase("[ErrorCode:Fail] /onnxruntime_src/onnxruntime/core/session/provider_bridge_ort.cc:2043 onnxruntime::Provider& onnxruntime::ProviderLibrary::Get() [ONNXRuntimeError] : 1 : FAIL : Failed to load library libonnxruntime_providers_cuda.so with error: libcublasLt.so.13: cannot open shared object file: No such file or directory\n",
                  OrtErrorCode.Fail, "Failed to load library libonnxruntime_providers_cuda.so with error: libcublasLt.so.13: cannot open shared object file: No such file or directory")]
        [TestCase("[ErrorCode:InvalidProtobuf] Load model from memory failed:Protobuf parsing failed.", OrtErrorCode.InvalidProtobuf, "Load model from memory failed:Protobuf parsing failed.")]
        [TestCase("[ErrorCode:ShapeInferenceNotRegistered] provider failed", OrtErrorCode.EpFail, "provider failed")]
        [TestCase("no prefix at all", OrtErrorCode.Fail, "no prefix at all")]
        public void OrtMessagesKeepTheirCodeAndLoseTheirSourceLocation(string ortText, OrtErrorCode code, string message)
        {
            var e = OrtErrors.FromMessage(ortText, null);
            Assert.That(e.Code, Is.EqualTo(code));
            Assert.That(e.OrtMessage, Is.EqualTo(message));
        }

        [Test]
        public void SignatureHasNamesShapesTypesAndMetadata()
        {
            using (var engine = Engine("generator_v1_gray_4x2.onnx"))
            {
                var s = engine.Signature;
                Assert.That(s.Inputs, Has.Length.EqualTo(1));
                Assert.That(s.Inputs[0].Name, Is.EqualTo("z"));
                Assert.That(s.Inputs[0].ElementType, Is.EqualTo(TensorSignature.Float32));
                Assert.That(s.Inputs[0].Shape, Is.EqualTo(new long[] { -1, 8 }));
                Assert.That(s.Outputs[0].Name, Is.EqualTo("image"));
                Assert.That(s.Outputs[0].Shape, Is.EqualTo(new long[] { -1, 1, 2, 4 }));
                Assert.That(s.Outputs[0].ShapeText(), Is.EqualTo("[N, 1, 2, 4]"));
                Assert.That(s.Metadata["wasserforge.width"], Is.EqualTo("4"));
                Assert.That(s.Metadata["wasserforge.height"], Is.EqualTo("2"));
            }
        }

        [Test]
        public void ElementTypesAndSymbolicDimensionsAreRead()
        {
            using (var engine = Engine("broken_v1_int64_input.onnx"))
                Assert.That(engine.Signature.Inputs[0].ElementTypeName(), Is.EqualTo("int64"));
            using (var engine = Engine("broken_v1_float64_output.onnx"))
                Assert.That(engine.Signature.Outputs[0].ElementTypeName(), Is.EqualTo("float64"));
            using (var engine = Engine("broken_v1_huge_latent.onnx"))
                Assert.That(engine.Signature.Inputs[0].Shape, Is.EqualTo(new long[] { -1, -1 }), "both dimensions are symbolic");
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
                // The flag is cleared: the same model (and its pooled run options) works with a fresh token.
                model.GenerateCancellable(new float[8], 1, output, CancellationToken.None);
                var expected = new float[48];
                model.Generate(new float[8], 1, expected);
                Assert.That(output, Is.EqualTo(expected));
            }
        }

        [Test]
        public void AlternatingOutputBuffersAndBatchSizesEachGetTheirOwnResult()
        {
            // Outputs are bound to the caller's buffer and rebound when it changes: every call must
            // land in the buffer it was given, whatever buffer or batch size came before.
            var expected = ExpectedOutput.Load()["generator_v1_rgb_4x4.onnx"];
            using (var model = GeneratorModel.Load(TestPaths.Fixture("generator_v1_rgb_4x4.onnx"), Cpu))
            {
                var a = new float[3 * 48];
                var b = new float[3 * 48];
                var one = new float[48];
                for (var round = 0; round < 3; round++)
                {
                    Array.Clear(a, 0, a.Length);
                    Array.Clear(b, 0, b.Length);
                    model.Generate(expected.Latents, 3, a);
                    model.Generate(expected.Latents.AsSpan(8), 1, one);
                    model.Generate(expected.Latents, 3, b);
                    model.Generate(expected.Latents, 1, a.AsSpan(48));   // a's second sample becomes sample 0
                    Assert.That(b, Is.EqualTo(expected.Output).Within(1e-5f), "round " + round);
                    Assert.That(one, Is.EqualTo(expected.Output.AsSpan(48, 48).ToArray()).Within(1e-5f));
                    Assert.That(a.AsSpan(0, 48).ToArray(), Is.EqualTo(expected.Output.AsSpan(0, 48).ToArray()).Within(1e-5f));
                    Assert.That(a.AsSpan(48, 48).ToArray(), Is.EqualTo(expected.Output.AsSpan(0, 48).ToArray()).Within(1e-5f));
                    Assert.That(a.AsSpan(96, 48).ToArray(), Is.EqualTo(expected.Output.AsSpan(96, 48).ToArray()).Within(1e-5f));
                }
            }
        }

        [Test]
        public void DisposeWhileOtherThreadsGenerateEndsEachOfThemCleanly()
        {
            // Four threads generate in a loop; once each has finished a run, the model is disposed.
            // Each thread must then stop with ObjectDisposedException (never a crash, never another
            // error): the native session is freed only after the last run in flight returns.
            var model = GeneratorModel.Load(TestPaths.Fixture("generator_v1_rgb_4x4.onnx"), Cpu);
            var threads = new Thread[4];
            var outcomes = new Exception[threads.Length];
            var runs = new int[threads.Length];
            using (var started = new CountdownEvent(threads.Length))
            {
                for (var t = 0; t < threads.Length; t++)
                {
                    var index = t;
                    threads[t] = new Thread(() =>
                    {
                        var z = new float[2 * 8];
                        var rgba = new byte[2 * 64];
                        try
                        {
                            while (true)
                            {
                                model.GenerateRgba32(z, 2, rgba);
                                if (++runs[index] == 1) started.Signal();
                            }
                        }
                        catch (Exception e) { outcomes[index] = e; if (runs[index] == 0) started.Signal(); }
                    });
                    threads[t].Start();
                }
                started.Wait();
                model.Dispose();
                foreach (var thread in threads) thread.Join();
            }
            for (var t = 0; t < threads.Length; t++)
            {
                Assert.That(runs[t], Is.GreaterThan(0), "thread " + t);
                Assert.That(outcomes[t], Is.InstanceOf<ObjectDisposedException>(), "thread " + t);
            }
        }
    }
}
