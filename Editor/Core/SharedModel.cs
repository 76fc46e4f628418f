using System;
using System.Threading;
using System.Threading.Tasks;

namespace Wasserforge.Explorer
{
    /// <summary>
    /// An open generator and the renders using it, for explorers that render off the UI thread (the Unity
    /// window, the studio). Every render holds a lease for as long as it runs; closing the model only marks
    /// it closed, and the native session is disposed when the last lease is given back (at once when none is
    /// held). So opening another model, closing the window, a domain reload or stopping the studio never
    /// frees a session that a render on another thread is still using.
    /// </summary>
    public sealed class SharedModel
    {
        readonly object _gate = new object();
        readonly TaskCompletionSource<bool> _disposed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        int _leases;
        bool _closed;

        /// <summary>Shares <paramref name="model"/>, which it then owns (it disposes it).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
        public SharedModel(GeneratorModel model) { Model = model ?? throw new ArgumentNullException(nameof(model)); }

        /// <summary>The model; use it only while holding a lease.</summary>
        public GeneratorModel Model { get; }

        /// <summary>Completes once the session has been disposed.</summary>
        public Task Disposed => _disposed.Task;

        /// <summary>True once <see cref="Close"/> was called.</summary>
        public bool IsClosed { get { lock (_gate) return _closed; } }

        /// <summary>Renders in use now (for tests).</summary>
        public int Leases { get { lock (_gate) return _leases; } }

        /// <summary>Takes a lease; false when the model is already closed.</summary>
        public bool TryAcquire()
        {
            lock (_gate)
            {
                if (_closed) return false;
                _leases++;
                return true;
            }
        }

        /// <summary>Gives a lease back; the last one after <see cref="Close"/> disposes the session.</summary>
        /// <exception cref="InvalidOperationException">No lease is held.</exception>
        public void Release()
        {
            bool dispose;
            lock (_gate)
            {
                if (_leases == 0) throw new InvalidOperationException("a lease was given back twice.");
                _leases--;
                dispose = _closed && _leases == 0;
            }
            if (dispose) DisposeModel();
        }

        /// <summary>Closes the model: no new leases; disposed now or when the last render finishes.</summary>
        public Task Close()
        {
            bool dispose;
            lock (_gate)
            {
                if (_closed) return Disposed;
                _closed = true;
                dispose = _leases == 0;
            }
            if (dispose) DisposeModel();
            return Disposed;
        }

        /// <summary>
        /// Runs <paramref name="work"/> on the thread pool under a lease (taken now, on the caller's thread).
        /// </summary>
        /// <exception cref="InvalidOperationException">The model was closed before the render could start.</exception>
        public Task<T> RunAsync<T>(Func<GeneratorModel, T> work)
        {
            if (!TryAcquire()) throw new InvalidOperationException("the model was closed (another model was opened, or the explorer closed).");
            return Task.Run(() =>
            {
                try { return work(Model); }
                finally { Release(); }
            }, CancellationToken.None);
        }

        /// <summary>Gives the lease taken for <paramref name="task"/> back when it ends, however it ends.</summary>
        public Task<T> ReleaseWhenDone<T>(Task<T> task)
        {
            task.ContinueWith(_ => Release(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return task;
        }

        void DisposeModel()
        {
            try { Model.Dispose(); }
            finally { _disposed.TrySetResult(true); }
        }
    }
}
