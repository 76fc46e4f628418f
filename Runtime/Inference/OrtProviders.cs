using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace Wasserforge.Inference
{
    /// <summary>
    /// Each GPU/NPU <see cref="ExecutionDevice"/> as an ONNX Runtime execution provider: the name ORT
    /// reports, where it exists, and how it is added to the session options. Uses only the parts of
    /// ORT's C# API that both the NuGet package (1.31) and com.github.asus4.onnxruntime (1.29) have.
    /// </summary>
    internal static class OrtProviders
    {
        /// <summary>The order in which <see cref="ExecutionDevice.Auto"/> tries the accelerated devices before the CPU.</summary>
        public static readonly ExecutionDevice[] AutoOrder = { ExecutionDevice.DirectML, ExecutionDevice.Cuda, ExecutionDevice.CoreML, ExecutionDevice.Nnapi };

        /// <summary>
        /// True in Unity when com.github.asus4.onnxruntime.win-x64-gpu or .linux-x64-gpu is installed
        /// (the Runtime asmdef's versionDefines): they add ORT's CUDA provider libraries beside a CPU
        /// build that does not list CUDA among its providers, so CUDA is tried all the same.
        /// </summary>
#if WASSERFORGE_ORT_GPU_PACKAGE
        const bool CudaPackageInstalled = true;
#else
        const bool CudaPackageInstalled = false;
#endif

        /// <summary>The provider name ORT reports for <paramref name="device"/>.</summary>
        public static string ProviderName(ExecutionDevice device)
        {
            switch (device)
            {
                case ExecutionDevice.Cpu: return "CPUExecutionProvider";
                case ExecutionDevice.DirectML: return "DmlExecutionProvider";
                case ExecutionDevice.Cuda: return "CUDAExecutionProvider";
                case ExecutionDevice.CoreML: return "CoreMLExecutionProvider";
                case ExecutionDevice.Nnapi: return "NnapiExecutionProvider";
                default: throw new ArgumentOutOfRangeException(nameof(device), device, "not an ONNX Runtime device");
            }
        }

        /// <summary>Why <paramref name="device"/> cannot be tried with the loaded ORT, or null when it can.</summary>
        /// <exception cref="WasserforgeException">ONNX Runtime's native library cannot be loaded.</exception>
        public static string Unavailable(ExecutionDevice device)
        {
            if (device == ExecutionDevice.Cpu) return null;
            var provider = ProviderName(device);
            if (OrtLibrary.Reports(provider)) return null;
            if (device == ExecutionDevice.Cuda && CudaPackageInstalled) return null;
            var where = Platforms(device, out var here);
            if (!here) return $"{DisplayName(device)} exists only on {where}";
            return $"this ONNX Runtime build has no {DisplayName(device)} provider (it reports {string.Join(", ", OrtLibrary.AvailableProviders)})";
        }

        static string DisplayName(ExecutionDevice device) =>
            device == ExecutionDevice.Cuda ? "CUDA" : device == ExecutionDevice.Nnapi ? "NNAPI" : device.ToString();

        /// <summary>Adds <paramref name="device"/>'s provider to <paramref name="options"/> with the settings it needs.</summary>
        /// <exception cref="Microsoft.ML.OnnxRuntime.OnnxRuntimeException">ORT cannot start the provider (driver, libraries, device id).</exception>
        /// <exception cref="NotSupportedException">This build of ORT's C# API lacks the provider (e.g. NNAPI off Android).</exception>
        /// <exception cref="EntryPointNotFoundException">The native library lacks the provider's entry point.</exception>
        public static void Append(SessionOptions options, ExecutionDevice device, int deviceId)
        {
            var id = deviceId.ToString(CultureInfo.InvariantCulture);
            switch (device)
            {
                case ExecutionDevice.Cpu:
                    return;
                case ExecutionDevice.DirectML:
                    // DirectML needs memory patterns off and sequential execution (ORT's DirectML docs);
                    // its runs are also serialised per session (OrtEngine).
                    options.EnableMemoryPattern = false;
                    options.ExecutionMode = ExecutionMode.ORT_SEQUENTIAL;
                    options.AppendExecutionProvider_DML(deviceId);
                    return;
                case ExecutionDevice.Cuda:
                    // The V2 options go through ORT's function table, present in every build; the
                    // legacy exported entry point exists only in CUDA builds.
                    using (var cuda = new OrtCUDAProviderOptions())
                    {
                        cuda.UpdateOptions(new Dictionary<string, string> { ["device_id"] = id });
                        options.AppendExecutionProvider_CUDA(cuda);
                    }
                    return;
                case ExecutionDevice.CoreML:
                    // The generic entry point: the CoreML-specific one is compiled out of the NuGet C# API off Apple targets.
                    options.AppendExecutionProvider("CoreML", new Dictionary<string, string>());
                    return;
                case ExecutionDevice.Nnapi:
                    options.AppendExecutionProvider_Nnapi();
                    return;
                default:
                    throw new ArgumentOutOfRangeException(nameof(device), device, "not an ONNX Runtime device");
            }
        }

        static string Platforms(ExecutionDevice device, out bool here)
        {
            bool Is(string os) => RuntimeInformation.IsOSPlatform(OSPlatform.Create(os));
            switch (device)
            {
                case ExecutionDevice.DirectML: here = Is("WINDOWS"); return "Windows";
                case ExecutionDevice.Cuda: here = Is("WINDOWS") || Is("LINUX"); return "Windows and Linux with an NVIDIA GPU";
                case ExecutionDevice.CoreML: here = Is("OSX") || Is("IOS"); return "macOS and iOS";
                case ExecutionDevice.Nnapi: here = Is("ANDROID") || Is("LINUX"); return "Android";
                default: here = true; return "every platform";
            }
        }
    }
}
