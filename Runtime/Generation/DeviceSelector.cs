using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using Wasserforge.Onnx;

namespace Wasserforge.Generation
{
    /// <summary>Creates a session on the requested device; for <see cref="ExecutionDevice.Auto"/> tries DirectML, then CUDA, then CPU, and records why each skipped device was skipped.</summary>
    internal static unsafe class DeviceSelector
    {
        /// <summary>Creates the session; <paramref name="active"/> and <paramref name="report"/> say where it runs and why.</summary>
        /// <exception cref="OnnxRuntimeException">The model was rejected, or an explicitly requested device failed.</exception>
        public static OrtSession Create(byte[] model, GeneratorOptions options, out ExecutionDevice active, out string report)
        {
            var notes = new List<string>();
            var candidates = options.Device == ExecutionDevice.Auto
                ? new[] { ExecutionDevice.DirectML, ExecutionDevice.Cuda, ExecutionDevice.Cpu }
                : new[] { options.Device };
            foreach (var device in candidates)
            {
                var why = Unavailable(device);
                if (why != null)
                {
                    if (options.Device != ExecutionDevice.Auto)
                        throw new WasserforgeException($"Execution device {device} was requested but is not available: {why}");
                    notes.Add($"{device} skipped: {why}");
                    continue;
                }
                try
                {
                    var session = OrtSession.Create(model, (api, o) => Configure(api, o, device, options));
                    active = device;
                    notes.Insert(0, $"{device} active");
                    report = string.Join("; ", notes);
                    return session;
                }
                catch (OnnxRuntimeException e) when (device != ExecutionDevice.Cpu && options.Device == ExecutionDevice.Auto && e.Code == OrtErrorCode.EpFail)
                {
                    notes.Add($"{device} skipped: {e.OrtMessage}");
                }
            }
            throw new InvalidOperationException("unreachable: CPU is always a candidate");
        }

        /// <summary>Why <paramref name="device"/> cannot be used here, or null when it can be tried.</summary>
        static string Unavailable(ExecutionDevice device)
        {
            switch (device)
            {
                case ExecutionDevice.Cpu:
                    return null;
                case ExecutionDevice.DirectML:
                    if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return "DirectML exists only on Windows";
                    return Array.IndexOf(OrtApi.Instance.AvailableProviders(), "DmlExecutionProvider") < 0 ? "this ONNX Runtime build has no DirectML provider" : null;
                case ExecutionDevice.Cuda:
                    if (Array.IndexOf(OrtApi.Instance.AvailableProviders(), "CUDAExecutionProvider") < 0) return "this ONNX Runtime build has no CUDA provider";
                    var lib = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "onnxruntime_providers_cuda.dll" : "libonnxruntime_providers_cuda.so";
                    foreach (var dir in ProviderSearchDirectories())
                        if (File.Exists(Path.Combine(dir, lib))) return null;
                    return $"{lib} (ONNX Runtime's CUDA provider library) is not installed next to the ONNX Runtime library";
                default:
                    return "unknown device";
            }
        }

        static IEnumerable<string> ProviderSearchDirectories()
        {
            yield return AppContext.BaseDirectory;
            var asm = Path.GetDirectoryName(typeof(DeviceSelector).Assembly.Location);
            if (!string.IsNullOrEmpty(asm)) yield return asm;
        }

        static void Configure(OrtApi api, IntPtr o, ExecutionDevice device, GeneratorOptions options)
        {
            if (options.IntraOpThreads > 0) api.ThrowIfFailed(api.SetIntraOpNumThreads(o, options.IntraOpThreads));
            switch (device)
            {
                case ExecutionDevice.DirectML:
                    // DirectML needs memory patterns off and sequential execution, or session creation fails.
                    api.ThrowIfFailed(api.DisableMemPattern(o));
                    api.ThrowIfFailed(api.SetSessionExecutionMode(o, 0 /* ORT_SEQUENTIAL */));
                    var name = Marshal.StringToHGlobalAnsi("DML");
                    try
                    {
                        api.ThrowIfFailed(api.GetExecutionProviderApi(name, OrtApi.ApiVersion, out var dml));
                        var append = (OrtApi.AppendDmlFn)Marshal.GetDelegateForFunctionPointer(Marshal.ReadIntPtr(dml, 0), typeof(OrtApi.AppendDmlFn));
                        api.ThrowIfFailed(append(o, options.DeviceId));
                    }
                    finally { Marshal.FreeHGlobal(name); }
                    break;
                case ExecutionDevice.Cuda:
                    var cuda = new OrtApi.CudaProviderOptions
                    {
                        DeviceId = options.DeviceId,
                        GpuMemLimit = UIntPtr.Size == 8 ? (UIntPtr)ulong.MaxValue : (UIntPtr)uint.MaxValue,
                        DoCopyInDefaultStream = 1,
                    };
                    api.ThrowIfFailed(api.SessionOptionsAppendExecutionProvider_CUDA(o, &cuda));
                    break;
            }
        }
    }
}
