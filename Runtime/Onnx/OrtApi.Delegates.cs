using System;
using System.Runtime.InteropServices;

namespace Wasserforge.Onnx
{
    // Delegate types of the OrtApi slots used, and the fields holding them. All cdecl (on Windows x64
    // __stdcall is the same convention). Every pointer is an IntPtr; outputs are `out IntPtr`.
    internal sealed unsafe partial class OrtApi
    {
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] delegate IntPtr GetApiFn(uint version);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] delegate IntPtr GetVersionStringFn();

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate int GetErrorCodeFn(IntPtr status);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr GetErrorMessageFn(IntPtr status);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr CreateEnvFn(int logLevel, IntPtr logId, out IntPtr env);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr CreateSessionFromArrayFn(IntPtr env, void* data, UIntPtr length, IntPtr options, out IntPtr session);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr RunFn(IntPtr session, IntPtr runOptions, IntPtr* inputNames, IntPtr* inputs, UIntPtr inputCount, IntPtr* outputNames, UIntPtr outputCount, IntPtr* outputs);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr CreateSessionOptionsFn(out IntPtr options);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr OptionsIntFn(IntPtr options, int value);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr OptionsFn(IntPtr options);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr SessionGetCountFn(IntPtr session, out UIntPtr count);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr SessionGetTypeInfoFn(IntPtr session, UIntPtr index, out IntPtr typeInfo);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr SessionGetNameFn(IntPtr session, UIntPtr index, IntPtr allocator, out IntPtr name);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr CreateRunOptionsFn(out IntPtr runOptions);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr RunOptionsFn(IntPtr runOptions);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr CreateTensorWithDataFn(IntPtr memoryInfo, void* data, UIntPtr byteLength, long* shape, UIntPtr shapeLength, int elementType, out IntPtr value);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr CastTypeInfoFn(IntPtr typeInfo, out IntPtr tensorInfo);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr GetElementTypeFn(IntPtr tensorInfo, out int elementType);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr GetDimensionsCountFn(IntPtr tensorInfo, out UIntPtr count);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr GetDimensionsFn(IntPtr tensorInfo, long* dims, UIntPtr count);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr CreateCpuMemoryInfoFn(int allocatorType, int memType, out IntPtr memoryInfo);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr AllocatorFreeFn(IntPtr allocator, IntPtr p);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr GetAllocatorFn(out IntPtr allocator);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate void ReleaseFn(IntPtr handle);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr SessionGetModelMetadataFn(IntPtr session, out IntPtr metadata);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr LookupCustomMetadataFn(IntPtr metadata, IntPtr allocator, IntPtr key, out IntPtr value);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr GetCustomMetadataKeysFn(IntPtr metadata, IntPtr allocator, out IntPtr keys, out long count);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr GetAvailableProvidersFn(out IntPtr providers, out int count);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr ReleaseAvailableProvidersFn(IntPtr providers, int count);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr AppendCudaV2Fn(IntPtr options, IntPtr cudaOptionsV2);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr CreateCudaOptionsFn(out IntPtr cudaOptionsV2);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr UpdateCudaOptionsFn(IntPtr cudaOptionsV2, IntPtr* keys, IntPtr* values, UIntPtr count);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr GetExecutionProviderApiFn(IntPtr providerName, uint version, out IntPtr providerApi);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] public delegate IntPtr AppendDmlFn(IntPtr options, int deviceId);

        public readonly GetErrorCodeFn GetErrorCode;
        public readonly GetErrorMessageFn GetErrorMessage;
        public readonly CreateEnvFn CreateEnv;
        public readonly CreateSessionFromArrayFn CreateSessionFromArray;
        public readonly RunFn Run;
        public readonly CreateSessionOptionsFn CreateSessionOptions;
        public readonly OptionsIntFn SetSessionExecutionMode;
        public readonly OptionsFn DisableMemPattern;
        public readonly OptionsIntFn SetSessionGraphOptimizationLevel;
        public readonly OptionsIntFn SetIntraOpNumThreads;
        public readonly SessionGetCountFn SessionGetInputCount;
        public readonly SessionGetCountFn SessionGetOutputCount;
        public readonly SessionGetTypeInfoFn SessionGetInputTypeInfo;
        public readonly SessionGetTypeInfoFn SessionGetOutputTypeInfo;
        public readonly SessionGetNameFn SessionGetInputName;
        public readonly SessionGetNameFn SessionGetOutputName;
        public readonly CreateRunOptionsFn CreateRunOptions;
        public readonly RunOptionsFn RunOptionsSetTerminate;
        public readonly CreateTensorWithDataFn CreateTensorWithDataAsOrtValue;
        public readonly CastTypeInfoFn CastTypeInfoToTensorInfo;
        public readonly GetElementTypeFn GetTensorElementType;
        public readonly GetDimensionsCountFn GetDimensionsCount;
        public readonly GetDimensionsFn GetDimensions;
        public readonly CreateCpuMemoryInfoFn CreateCpuMemoryInfo;
        public readonly AllocatorFreeFn AllocatorFree;
        public readonly GetAllocatorFn GetAllocatorWithDefaultOptions;
        public readonly ReleaseFn ReleaseEnv;
        public readonly ReleaseFn ReleaseStatus;
        public readonly ReleaseFn ReleaseMemoryInfo;
        public readonly ReleaseFn ReleaseSession;
        public readonly ReleaseFn ReleaseValue;
        public readonly ReleaseFn ReleaseRunOptions;
        public readonly ReleaseFn ReleaseTypeInfo;
        public readonly ReleaseFn ReleaseSessionOptions;
        public readonly SessionGetModelMetadataFn SessionGetModelMetadata;
        public readonly LookupCustomMetadataFn ModelMetadataLookupCustomMetadataMap;
        public readonly ReleaseFn ReleaseModelMetadata;
        public readonly GetCustomMetadataKeysFn ModelMetadataGetCustomMetadataMapKeys;
        public readonly GetAvailableProvidersFn GetAvailableProviders;
        public readonly ReleaseAvailableProvidersFn ReleaseAvailableProviders;
        public readonly AppendCudaV2Fn SessionOptionsAppendExecutionProvider_CUDA_V2;
        public readonly CreateCudaOptionsFn CreateCUDAProviderOptions;
        public readonly UpdateCudaOptionsFn UpdateCUDAProviderOptions;
        public readonly ReleaseFn ReleaseCUDAProviderOptions;
        public readonly GetExecutionProviderApiFn GetExecutionProviderApi;
    }
}
