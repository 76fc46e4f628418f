#if NET5_0_OR_GREATER
using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Wasserforge.Deterministic;
using Wasserforge.Tests.Deterministic;

namespace Wasserforge.Tests.Generation
{
    /// <summary>
    /// <see cref="ExecutionDevice.Deterministic"/> where ONNX Runtime is missing: the runtime assembly is
    /// loaded again into a load context that refuses ORT's managed assembly and every native library,
    /// as a platform without ORT would. The deterministic device must load and generate there, never
    /// asking for ORT; the CPU device in the same context must ask for it (and fail), which shows the
    /// context does catch ORT. (.NET only: Unity's Mono has no AssemblyLoadContext.)
    /// </summary>
    public class DeterministicWithoutOrtTests
    {
        const string OrtAssembly = "Microsoft.ML.OnnxRuntime";

        /// <summary>Loads Wasserforge.Runtime from its file; refuses ORT and native libraries, recording every request.</summary>
        sealed class NoOrtContext : AssemblyLoadContext
        {
            public readonly List<string> Requests = new List<string>();

            public NoOrtContext() : base("no-onnxruntime", isCollectible: true) { }

            protected override Assembly Load(AssemblyName name)
            {
                lock (Requests) Requests.Add(name.Name);
                if (name.Name == OrtAssembly) throw new FileNotFoundException("ONNX Runtime is not installed in this test context.", name.Name);
                return null;                                  // the framework and everything else from the default context
            }

            protected override IntPtr LoadUnmanagedDll(string name)
            {
                lock (Requests) Requests.Add("native:" + name);
                throw new DllNotFoundException(name + " is not installed in this test context.");
            }
        }

        static readonly string Sample = Path.Combine(TestPaths.PackageRoot, "Samples~", "TextureFromSeed", "ProceduralTextures.onnx");

        /// <summary>GeneratorModel.Load(bytes, options with <paramref name="device"/>, name) in <paramref name="context"/>, through reflection.</summary>
        static IDisposable Load(AssemblyLoadContext context, byte[] onnx, string device)
        {
            var runtime = context.LoadFromAssemblyPath(typeof(GeneratorModel).Assembly.Location);
            Assert.That(runtime, Is.Not.SameAs(typeof(GeneratorModel).Assembly), "a second copy of the runtime");
            var optionsType = runtime.GetType("Wasserforge.GeneratorOptions", true);
            var options = Activator.CreateInstance(optionsType);
            optionsType.GetProperty("Device").SetValue(options, Enum.Parse(runtime.GetType("Wasserforge.ExecutionDevice", true), device));
            optionsType.GetProperty("IntraOpThreads").SetValue(options, 2);
            var load = runtime.GetType("Wasserforge.GeneratorModel", true).GetMethod("Load", new[] { typeof(byte[]), optionsType, typeof(string) });
            try { return (IDisposable)load.Invoke(null, new[] { onnx, options, "sample" }); }
            catch (TargetInvocationException e) when (e.InnerException != null) { throw e.InnerException; }
        }

        [Test]
        public void TheDeterministicDeviceNeverLoadsOnnxRuntime()
        {
            var onnx = File.ReadAllBytes(Sample);
            var context = new NoOrtContext();
            try
            {
                byte[] pixels;
                string report;
                using (var model = Load(context, onnx, "Deterministic"))
                {
                    var type = model.GetType();
                    report = (string)type.GetProperty("DeviceReport").GetValue(model);
                    var latentDim = (int)type.GetProperty("LatentDim").GetValue(model);
                    pixels = new byte[(int)type.GetProperty("Width").GetValue(model) * (int)type.GetProperty("Height").GetValue(model) * 4];
                    var z = DeterministicModels.Latents(latentDim, 1, 7);
                    var run = type.GetMethod("GenerateRgba32Async");
                    ((Task)run.Invoke(model, new object[] { new ReadOnlyMemory<float>(z), 1, new Memory<byte>(pixels), false, CancellationToken.None })).GetAwaiter().GetResult();
                }
                Assert.That(report, Is.EqualTo("Deterministic active (wf-fixed-1, 2 threads)"));
                Assert.That(context.Requests, Has.None.EqualTo(OrtAssembly).And.None.StartsWith("native:"), string.Join(", ", context.Requests));
                using (var g = DeterministicGenerator.Load(onnx))
                {
                    var expected = new byte[pixels.Length];
                    g.GenerateRgba32(DeterministicModels.Latents(g.LatentDim, 1, 7), 1, expected);
                    Assert.That(pixels, Is.EqualTo(expected), "the same pixels as in the default context");
                }
            }
            finally { context.Unload(); }
        }

        [Test]
        public void TheCpuDeviceInTheSameContextAsksForOnnxRuntime()
        {
            var context = new NoOrtContext();
            try
            {
                Assert.That(() => Load(context, File.ReadAllBytes(Sample), "Cpu").Dispose(), Throws.Exception);
                Assert.That(context.Requests, Has.Some.EqualTo(OrtAssembly));
            }
            finally { context.Unload(); }
        }
    }
}
#endif
