using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Wasserforge.Onnx;

namespace Wasserforge.Generation
{
    /// <summary>Creates a session on the requested device; for <see cref="ExecutionDevice.Auto"/> tries DirectML, then CUDA, then CPU, and records why each skipped device was skipped.</summary>
    internal static unsafe class DeviceSelector
    {
        static OrtApi.AppendDmlFn s_appendDml;

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
                catch (OnnxRuntimeException e) when (device != ExecutionDevice.Cpu && options.Device == ExecutionDevice.Auto)
                {
                    // A GPU provider that cannot start (driver, device id, unsupported operator) falls
                    // back; a model ORT cannot read fails again on the CPU, and that error is thrown.
                    notes.Add($"{device} skipped: {e.Code}: {e.OrtMessage}");
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
                    // ORT loads the CUDA provider from these two libraries beside itself; they are not
                    // part of the CPU/DirectML distribution. Asking without them fails inside ORT.
                    foreach (var lib in CudaProviderLibraries())
                        if (OrtLibraryLocation.Find(lib) == null)
                            return $"{lib} (ONNX Runtime's CUDA provider library, same version as ONNX Runtime) is not installed next to the ONNX Runtime library";
                    return null;
                default:
                    return "unknown device";
            }
        }

        static string[] CudaProviderLibraries() =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
                ? new[] { "onnxruntime_providers_shared.dll", "onnxruntime_providers_cuda.dll" }
                : new[] { "libonnxruntime_providers_shared.so", "libonnxruntime_providers_cuda.so" };

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
                        // OrtDmlApi slot 0: SessionOptionsAppendExecutionProvider_DML(options, device_id); cached once.
                        var append = s_appendDml ?? (s_appendDml = (OrtApi.AppendDmlFn)Marshal.GetDelegateForFunctionPointer(Marshal.ReadIntPtr(dml, 0), typeof(OrtApi.AppendDmlFn)));
                        api.ThrowIfFailed(append(o, options.DeviceId));
                    }
                    finally { Marshal.FreeHGlobal(name); }
                    break;
                case ExecutionDevice.Cuda:
                    AppendCuda(api, o, options.DeviceId);
                    break;
            }
        }

        /// <summary>Appends the CUDA provider through the opaque V2 options (never a null options pointer).</summary>
        static void AppendCuda(OrtApi api, IntPtr sessionOptions, int deviceId)
        {
            api.ThrowIfFailed(api.CreateCUDAProviderOptions(out var raw));
            using (var cuda = OrtHandle.Own(raw, api.ReleaseCUDAProviderOptions))
            {
                var key = OrtApi.Utf8("device_id");
                var value = OrtApi.Utf8(deviceId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                fixed (byte* k = key)
                fixed (byte* v = value)
                {
                    var keys = (IntPtr)k;
                    var values = (IntPtr)v;
                    api.ThrowIfFailed(api.UpdateCUDAProviderOptions(cuda.DangerousGetHandle(), &keys, &values, (UIntPtr)1));
                }
                api.ThrowIfFailed(api.SessionOptionsAppendExecutionProvider_CUDA_V2(sessionOptions, cuda.DangerousGetHandle()));
            }
        }
    }
}
