using System;

namespace Wasserforge.Torch
{
    /// <summary>libtorch reported an error (shape mismatch, wrong device, bad argument…), or the shim library is missing. The message is libtorch's, without its C++ backtrace.</summary>
    public sealed class TorchException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public TorchException(string message, Exception inner = null) : base(message, inner) { }
    }
}
