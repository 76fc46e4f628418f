using System;
using System.Runtime.InteropServices;

namespace Wasserforge.Onnx
{
    /// <summary>An ORT object (env, session, options, value, memory info, run options, metadata), released exactly once with its own Release function.</summary>
    internal sealed class OrtHandle : SafeHandle
    {
        readonly OrtApi.ReleaseFn _release;

        OrtHandle(IntPtr handle, OrtApi.ReleaseFn release) : base(IntPtr.Zero, ownsHandle: true)
        {
            _release = release;
            SetHandle(handle);
        }

        /// <summary>Wraps <paramref name="handle"/>, which <paramref name="release"/> frees.</summary>
        public static OrtHandle Own(IntPtr handle, OrtApi.ReleaseFn release) => new OrtHandle(handle, release);

        /// <inheritdoc/>
        public override bool IsInvalid => handle == IntPtr.Zero;

        /// <inheritdoc/>
        protected override bool ReleaseHandle()
        {
            _release(handle);
            return true;
        }
    }
}
