using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Wasserforge.Onnx
{
    /// <summary>An ONNX Runtime inference session over a model held in memory: its inputs, outputs, metadata, and allocation-free runs over caller-owned buffers.</summary>
    internal sealed unsafe class OrtSession : IDisposable
    {
        readonly OrtApi _api;
        readonly OrtHandle _session;

        public OrtTensorInfo[] Inputs { get; }
        public OrtTensorInfo[] Outputs { get; }
        public Dictionary<string, string> Metadata { get; }

        OrtSession(OrtApi api, OrtHandle session)
        {
            _api = api;
            _session = session;
            Inputs = ReadInfos(isInput: true);
            Outputs = ReadInfos(isInput: false);
            Metadata = ReadMetadata();
        }

        /// <summary>Creates a session from ONNX bytes with session options already configured by <paramref name="configure"/>.</summary>
        /// <exception cref="OnnxRuntimeException">ORT rejected the model or an option.</exception>
        public static OrtSession Create(byte[] model, Action<OrtApi, IntPtr> configure)
        {
            var api = OrtApi.Instance;
            var env = OrtEnvironment.Env;
            api.ThrowIfFailed(api.CreateSessionOptions(out var rawOptions));
            using (var options = OrtHandle.Own(rawOptions, api.ReleaseSessionOptions))
            {
                var o = options.DangerousGetHandle();
                api.ThrowIfFailed(api.SetSessionGraphOptimizationLevel(o, 99 /* ORT_ENABLE_ALL */));
                configure?.Invoke(api, o);
                IntPtr session;
                fixed (byte* p = model)
                {
                    api.ThrowIfFailed(api.CreateSessionFromArray(env, p, (UIntPtr)model.Length, o, out session));
                }
                var handle = OrtHandle.Own(session, api.ReleaseSession);
                try { return new OrtSession(api, handle); }
                catch { handle.Dispose(); throw; }
            }
        }

        OrtTensorInfo[] ReadInfos(bool isInput)
        {
            var s = _session.DangerousGetHandle();
            _api.ThrowIfFailed(isInput ? _api.SessionGetInputCount(s, out var n) : _api.SessionGetOutputCount(s, out n));
            var result = new OrtTensorInfo[(int)n];
            for (var i = 0; i < result.Length; i++)
            {
                var info = new OrtTensorInfo { ElementType = -1 };
                _api.ThrowIfFailed(isInput
                    ? _api.SessionGetInputName(s, (UIntPtr)i, _api.DefaultAllocator, out var name)
                    : _api.SessionGetOutputName(s, (UIntPtr)i, _api.DefaultAllocator, out name));
                info.Name = _api.TakeString(name);
                _api.ThrowIfFailed(isInput
                    ? _api.SessionGetInputTypeInfo(s, (UIntPtr)i, out var rawTypeInfo)
                    : _api.SessionGetOutputTypeInfo(s, (UIntPtr)i, out rawTypeInfo));
                using (var typeInfo = OrtHandle.Own(rawTypeInfo, _api.ReleaseTypeInfo))
                {
                    // The tensor info is owned by the type info (not released separately).
                    _api.ThrowIfFailed(_api.CastTypeInfoToTensorInfo(typeInfo.DangerousGetHandle(), out var tensorInfo));
                    if (tensorInfo != IntPtr.Zero)
                    {
                        _api.ThrowIfFailed(_api.GetTensorElementType(tensorInfo, out info.ElementType));
                        _api.ThrowIfFailed(_api.GetDimensionsCount(tensorInfo, out var rank));
                        info.Shape = new long[(int)rank];
                        fixed (long* d = info.Shape) _api.ThrowIfFailed(_api.GetDimensions(tensorInfo, d, rank));
                    }
                }
                result[i] = info;
            }
            return result;
        }

        Dictionary<string, string> ReadMetadata()
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            _api.ThrowIfFailed(_api.SessionGetModelMetadata(_session.DangerousGetHandle(), out var rawMeta));
            using (var metaHandle = OrtHandle.Own(rawMeta, _api.ReleaseModelMetadata))
            {
                var meta = metaHandle.DangerousGetHandle();
                _api.ThrowIfFailed(_api.ModelMetadataGetCustomMetadataMapKeys(meta, _api.DefaultAllocator, out var keys, out var count));
                if (keys == IntPtr.Zero) return result;
                try
                {
                    for (var i = 0; i < count; i++)
                    {
                        var keyPtr = Marshal.ReadIntPtr(keys, (int)i * IntPtr.Size);
                        var key = _api.TakeString(keyPtr);
                        var keyUtf8 = OrtApi.Utf8(key);
                        fixed (byte* k = keyUtf8)
                        {
                            _api.ThrowIfFailed(_api.ModelMetadataLookupCustomMetadataMap(meta, _api.DefaultAllocator, (IntPtr)k, out var value));
                            result[key] = _api.TakeString(value);
                        }
                    }
                }
                finally { _api.AllocatorFree(_api.DefaultAllocator, keys); }
            }
            return result;
        }

        /// <summary>
        /// Runs one float32 input to one float32 output, both caller-owned and pinned for the call.
        /// Allocates no managed memory.
        /// </summary>
        /// <exception cref="OnnxRuntimeException">ORT failed (or the run was terminated).</exception>
        public void Run(IntPtr inputName, float* input, long* inputShape, int inputRank,
                        IntPtr outputName, float* output, long* outputShape, int outputRank, IntPtr runOptions)
        {
            // The two OrtValues only wrap the caller's pinned buffers for the length of this call and are
            // released in the finally below. They are deliberately raw pointers rather than SafeHandles:
            // a SafeHandle per call would allocate, and allocation-free generation is part of the API.
            var mem = OrtEnvironment.CpuMemoryInfo;
            long inCount = 1, outCount = 1;
            for (var i = 0; i < inputRank; i++) inCount *= inputShape[i];
            for (var i = 0; i < outputRank; i++) outCount *= outputShape[i];
            IntPtr inValue = IntPtr.Zero, outValue = IntPtr.Zero;
            var added = false;
            try
            {
                _session.DangerousAddRef(ref added);
                _api.ThrowIfFailed(_api.CreateTensorWithDataAsOrtValue(mem, input, (UIntPtr)(inCount * sizeof(float)), inputShape, (UIntPtr)inputRank, OrtTensorInfo.Float32, out inValue));
                _api.ThrowIfFailed(_api.CreateTensorWithDataAsOrtValue(mem, output, (UIntPtr)(outCount * sizeof(float)), outputShape, (UIntPtr)outputRank, OrtTensorInfo.Float32, out outValue));
                var inName = inputName;
                var outName = outputName;
                _api.ThrowIfFailed(_api.Run(_session.DangerousGetHandle(), runOptions, &inName, &inValue, (UIntPtr)1, &outName, (UIntPtr)1, &outValue));
            }
            finally
            {
                if (inValue != IntPtr.Zero) _api.ReleaseValue(inValue);
                if (outValue != IntPtr.Zero) _api.ReleaseValue(outValue);
                if (added) _session.DangerousRelease();
            }
        }

        public void Dispose() => _session.Dispose();
    }
}
