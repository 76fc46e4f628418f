using System;

namespace Wasserforge
{
    /// <summary>Base class of every exception Wasserforge throws on purpose.</summary>
    public class WasserforgeException : Exception
    {
        /// <summary>Creates the exception with a message for the user.</summary>
        public WasserforgeException(string message) : base(message) { }

        /// <summary>Creates the exception with a message for the user and the underlying cause.</summary>
        public WasserforgeException(string message, Exception inner) : base(message, inner) { }
    }
}
