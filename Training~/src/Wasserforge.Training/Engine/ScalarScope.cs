using System;
using System.Collections.Generic;
using TorchSharp;

namespace Wasserforge.Training.Engine
{
    /// <summary>
    /// Scalars made from numbers for one block of tensor code and freed together when it ends: each is reachable until
    /// <see cref="Dispose"/>, so no native call can see it finalized (see <see cref="HeldScalars"/>).
    /// <code>using var s = new ScalarScope(); state.mul_(s.Of(beta)).add_(grad, s.Of(1 - beta));</code>
    /// </summary>
    public sealed class ScalarScope : IDisposable
    {
        readonly List<Scalar> _made = new List<Scalar>();
        bool _disposed;

        /// <summary>A Scalar of <paramref name="value"/> (float64), alive until this scope is disposed.</summary>
        /// <exception cref="ObjectDisposedException">The scope was disposed.</exception>
        public Scalar Of(double value)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(ScalarScope));
            var s = value.ToScalar();
            _made.Add(s);
            return s;
        }

        /// <summary>Frees every Scalar this scope made.</summary>
        public void Dispose()
        {
            foreach (var s in _made) s.Dispose();
            _made.Clear();
            _disposed = true;
        }
    }
}
