using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Wasserforge.Deterministic
{
    /// <summary>
    /// A fixed set of worker threads that run the items of one job (item 0 … count−1) together with
    /// the calling thread. Items write disjoint outputs, so which thread runs which item never changes a
    /// result. Dispatching allocates nothing. Workers spin briefly for the next job, then sleep on a
    /// monitor; <see cref="Dispose"/> stops and joins them.
    /// </summary>
    internal sealed class WorkerPool : IDisposable
    {
        const int SpinIterations = 2000;

        readonly Thread[] _threads;
        readonly object _gate = new object();
        Action<int> _work;
        int _count;
        int _next;
        int _active;
        volatile int _generation;
        volatile bool _stop;
        Exception _error;

        /// <summary>Creates <paramref name="threads"/> − 1 workers (the caller is the last thread).</summary>
        public WorkerPool(int threads)
        {
            if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "at least one thread.");
            _threads = new Thread[threads - 1];
            for (var i = 0; i < _threads.Length; i++)
            {
                _threads[i] = new Thread(WorkerLoop) { IsBackground = true, Name = $"Wasserforge deterministic worker {i + 1}" };
                _threads[i].Start();
            }
        }

        /// <summary>Threads that run items, the caller included.</summary>
        public int Threads => _threads.Length + 1;

        /// <summary>Runs <paramref name="work"/>(i) for every i in [0, count) and returns when all are done; rethrows the first failure.</summary>
        public void Run(Action<int> work, int count)
        {
            if (count <= 0) return;
            if (_threads.Length == 0 || count == 1)
            {
                for (var i = 0; i < count; i++) work(i);
                return;
            }
            lock (_gate)
            {
                _work = work;
                _count = count;
                _next = 0;
                _active = _threads.Length;
                _generation++;
                Monitor.PulseAll(_gate);
            }
            Drain(work, count);
            lock (_gate)
            {
                while (_active > 0) Monitor.Wait(_gate);
                _work = null;
            }
            var error = Interlocked.Exchange(ref _error, null);
            if (error != null) ExceptionDispatchInfo.Capture(error).Throw();
        }

        void Drain(Action<int> work, int count)
        {
            int i;
            while ((i = Interlocked.Increment(ref _next) - 1) < count)
            {
                try { work(i); }
                catch (Exception e) { Interlocked.CompareExchange(ref _error, e, null); }
            }
        }

        void WorkerLoop()
        {
            var seen = 0;
            while (true)
            {
                for (var spin = 0; spin < SpinIterations && _generation == seen && !_stop; spin++) Thread.SpinWait(20);
                Action<int> work;
                int count;
                lock (_gate)
                {
                    while (_generation == seen && !_stop) Monitor.Wait(_gate);
                    if (_stop) return;
                    seen = _generation;
                    work = _work;
                    count = _count;
                }
                Drain(work, count);
                lock (_gate)
                {
                    if (--_active == 0) Monitor.PulseAll(_gate);
                }
            }
        }

        /// <summary>Stops and joins the workers. Safe to call twice.</summary>
        public void Dispose()
        {
            lock (_gate)
            {
                if (_stop) return;
                _stop = true;
                Monitor.PulseAll(_gate);
            }
            foreach (var t in _threads) t.Join();
        }
    }
}
