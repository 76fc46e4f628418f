using System;
using System.Runtime.InteropServices;

namespace Wasserforge.Onnx
{
    /// <summary>
    /// The ONNX Runtime C API, bound by hand: <c>OrtGetApiBase()</c> is the only export used; the
    /// <c>OrtApi</c> function table is read as raw pointers (slot index × pointer size) and each slot
    /// becomes a cached delegate. Works under CoreCLR, Mono and IL2CPP (no marshalled struct returns,
    /// no unmanaged function pointer syntax). The only file that touches ORT's raw pointers besides
    /// <see cref="OrtSession"/>.
    /// </summary>
    internal sealed unsafe partial class OrtApi
    {
        /// <summary>
        /// The lowest API version that has every slot used here: the highest slots are the CUDA V2
        /// options (204–208), added in API version 11 (ONNX Runtime 1.11); GetExecutionProviderApi
        /// (195) is from version 10. ORT keeps the table append-only, so a newer runtime serves it too.
        /// </summary>
        public const uint ApiVersion = 11;

        const string Library = "onnxruntime";

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        static extern IntPtr OrtGetApiBase();

        static readonly object s_lock = new object();
        static OrtApi s_instance;

        /// <summary>The process-wide API table.</summary>
        /// <exception cref="WasserforgeException">The ONNX Runtime library cannot be loaded or is too old.</exception>
        public static OrtApi Instance
        {
            get
            {
                var api = s_instance;
                if (api != null) return api;
                lock (s_lock)
                {
                    return s_instance ?? (s_instance = Load());
                }
            }
        }

        /// <summary>ORT's version string, e.g. "1.30.0".</summary>
        public string Version { get; private set; }

        static OrtApi Load()
        {
            IntPtr apiBase;
            try
            {
                apiBase = OrtGetApiBase();
            }
            catch (DllNotFoundException e)
            {
                throw new WasserforgeException(
                    "The ONNX Runtime native library was not found. Run Tools~/fetch-onnxruntime.sh in the Wasserforge package folder " +
                    "(it places the libraries under Runtime/Plugins/<OS>/<arch>/).", e);
            }
            catch (EntryPointNotFoundException e)
            {
                throw new WasserforgeException("The loaded 'onnxruntime' library has no OrtGetApiBase export: it is not ONNX Runtime.", e);
            }
            var getApi = Fn<GetApiFn>(Marshal.ReadIntPtr(apiBase, 0));
            var getVersion = Fn<GetVersionStringFn>(Marshal.ReadIntPtr(apiBase, IntPtr.Size));
            var version = Marshal.PtrToStringAnsi(getVersion());
            var table = getApi(ApiVersion);
            if (table == IntPtr.Zero)
                throw new WasserforgeException($"ONNX Runtime {version} does not provide API version {ApiVersion}; Wasserforge needs ONNX Runtime 1.11 or newer (it ships 1.30.0).");
            var api = new OrtApi(table) { Version = version };
            return api;
        }

        static T Fn<T>(IntPtr p) where T : Delegate => (T)Marshal.GetDelegateForFunctionPointer(p, typeof(T));

        readonly IntPtr _table;

        T Slot<T>(int index) where T : Delegate => Fn<T>(Marshal.ReadIntPtr(_table, index * IntPtr.Size));

        OrtApi(IntPtr table)
        {
            _table = table;
            GetErrorCode = Slot<GetErrorCodeFn>(1);
            GetErrorMessage = Slot<GetErrorMessageFn>(2);
            CreateEnv = Slot<CreateEnvFn>(3);
            CreateSessionFromArray = Slot<CreateSessionFromArrayFn>(8);
            Run = Slot<RunFn>(9);
            CreateSessionOptions = Slot<CreateSessionOptionsFn>(10);
            SetSessionExecutionMode = Slot<OptionsIntFn>(13);
            DisableMemPattern = Slot<OptionsFn>(17);
            SetSessionGraphOptimizationLevel = Slot<OptionsIntFn>(23);
            SetIntraOpNumThreads = Slot<OptionsIntFn>(24);
            SessionGetInputCount = Slot<SessionGetCountFn>(30);
            SessionGetOutputCount = Slot<SessionGetCountFn>(31);
            SessionGetInputTypeInfo = Slot<SessionGetTypeInfoFn>(33);
            SessionGetOutputTypeInfo = Slot<SessionGetTypeInfoFn>(34);
            SessionGetInputName = Slot<SessionGetNameFn>(36);
            SessionGetOutputName = Slot<SessionGetNameFn>(37);
            CreateRunOptions = Slot<CreateRunOptionsFn>(39);
            RunOptionsSetTerminate = Slot<RunOptionsFn>(46);
            CreateTensorWithDataAsOrtValue = Slot<CreateTensorWithDataFn>(49);
            CastTypeInfoToTensorInfo = Slot<CastTypeInfoFn>(55);
            GetTensorElementType = Slot<GetElementTypeFn>(60);
            GetDimensionsCount = Slot<GetDimensionsCountFn>(61);
            GetDimensions = Slot<GetDimensionsFn>(62);
            CreateCpuMemoryInfo = Slot<CreateCpuMemoryInfoFn>(69);
            AllocatorFree = Slot<AllocatorFreeFn>(76);
            GetAllocatorWithDefaultOptions = Slot<GetAllocatorFn>(78);
            ReleaseEnv = Slot<ReleaseFn>(92);
            ReleaseStatus = Slot<ReleaseFn>(93);
            ReleaseMemoryInfo = Slot<ReleaseFn>(94);
            ReleaseSession = Slot<ReleaseFn>(95);
            ReleaseValue = Slot<ReleaseFn>(96);
            ReleaseRunOptions = Slot<ReleaseFn>(97);
            ReleaseTypeInfo = Slot<ReleaseFn>(98);
            ReleaseSessionOptions = Slot<ReleaseFn>(100);
            SessionGetModelMetadata = Slot<SessionGetModelMetadataFn>(111);
            ModelMetadataLookupCustomMetadataMap = Slot<LookupCustomMetadataFn>(116);
            ReleaseModelMetadata = Slot<ReleaseFn>(118);
            ModelMetadataGetCustomMetadataMapKeys = Slot<GetCustomMetadataKeysFn>(123);
            GetAvailableProviders = Slot<GetAvailableProvidersFn>(125);
            ReleaseAvailableProviders = Slot<ReleaseAvailableProvidersFn>(126);
            SessionOptionsAppendExecutionProvider_CUDA_V2 = Slot<AppendCudaV2Fn>(204);
            CreateCUDAProviderOptions = Slot<CreateCudaOptionsFn>(205);
            UpdateCUDAProviderOptions = Slot<UpdateCudaOptionsFn>(206);
            ReleaseCUDAProviderOptions = Slot<ReleaseFn>(208);
            GetExecutionProviderApi = Slot<GetExecutionProviderApiFn>(195);
            ThrowIfFailed(GetAllocatorWithDefaultOptions(out var allocator));
            DefaultAllocator = allocator;
        }

        /// <summary>ORT's default CPU allocator (never released).</summary>
        public IntPtr DefaultAllocator { get; }

        /// <summary>Turns a non-null status into an <see cref="OnnxRuntimeException"/> and releases the status.</summary>
        /// <exception cref="OnnxRuntimeException">Always, when <paramref name="status"/> is not null.</exception>
        public void ThrowIfFailed(IntPtr status)
        {
            if (status == IntPtr.Zero) return;
            var code = (OrtErrorCode)GetErrorCode(status);
            var message = Marshal.PtrToStringUTF8(GetErrorMessage(status)) ?? "";
            ReleaseStatus(status);
            throw new OnnxRuntimeException(code, message);
        }

        /// <summary>Releases a status without throwing (for cancellation callbacks, which must not throw).</summary>
        public void IgnoreStatus(IntPtr status)
        {
            if (status != IntPtr.Zero) ReleaseStatus(status);
        }

        /// <summary>Copies a string that ORT allocated with the default allocator, then frees it.</summary>
        public string TakeString(IntPtr p)
        {
            if (p == IntPtr.Zero) return null;
            try { return Marshal.PtrToStringUTF8(p); }
            finally { AllocatorFree(DefaultAllocator, p); }
        }

        /// <summary>A NUL-terminated UTF-8 copy of <paramref name="s"/> for ORT's <c>const char*</c> arguments.</summary>
        public static byte[] Utf8(string s)
        {
            var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(s) + 1];
            System.Text.Encoding.UTF8.GetBytes(s, 0, s.Length, bytes, 0);
            return bytes;
        }

        /// <summary>The execution providers this ORT build was compiled with (e.g. CPUExecutionProvider).</summary>
        public string[] AvailableProviders()
        {
            ThrowIfFailed(GetAvailableProviders(out var list, out var count));
            try
            {
                var result = new string[count];
                for (var i = 0; i < count; i++) result[i] = Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(list, i * IntPtr.Size));
                return result;
            }
            finally { ThrowIfFailed(ReleaseAvailableProviders(list, count)); }
        }
    }
}
