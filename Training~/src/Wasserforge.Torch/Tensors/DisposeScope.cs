using System;
using System.Collections.Generic;

namespace Wasserforge.Torch
{
    /// <summary>
    /// Owns every tensor created on this thread while it is the innermost open scope, and frees them
    /// when disposed (like TorchSharp's <c>NewDisposeScope</c>). Wrap each training step in one so
    /// intermediates are freed deterministically, never by finalizers. Keep a result with
    /// <see cref="MoveToOuter"/> or <see cref="Detach"/>.
    /// </summary>
    public sealed class DisposeScope : IDisposable
    {
        [ThreadStatic] static DisposeScope t_current;

        readonly DisposeScope _parent;
        readonly HashSet<Tensor> _owned = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        bool _disposed;

        internal DisposeScope()
        {
            _parent = t_current;
            t_current = this;
        }

        internal static DisposeScope Current => t_current;

        /// <summary>Tensors this scope will free.</summary>
        public int Count => _owned.Count;

        internal void Register(Tensor t) => _owned.Add(t);

        internal void Forget(Tensor t) => _owned.Remove(t);

        /// <summary>Hands <paramref name="t"/> to the enclosing scope (or to nobody at the outermost level) and returns it.</summary>
        public Tensor MoveToOuter(Tensor t)
        {
            if (_owned.Remove(t)) _parent?.Register(t);
            t.Scope = _parent;
            return t;
        }

        /// <summary>Takes <paramref name="t"/> out of every scope: the caller disposes it.</summary>
        public static Tensor Detach(Tensor t)
        {
            t.Scope?.Forget(t);
            t.Scope = null;
            return t;
        }

        /// <summary>Frees every tensor still owned.</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            if (t_current == this) t_current = _parent;
            foreach (var t in _owned) t.DisposeFromScope();
            _owned.Clear();
        }
    }
}
