using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Wasserforge.Deterministic
{
    /// <summary>
    /// A fixed set of worker threads that run the items of one job (item 0 … count−1) together with
    /// the calling thread. Items write disjoint outputs, so which thread runs which item never changes a
    /// result. A job ends when its items are done, whether or not every worker woke up for it (a worker
    /// that wakes late finds the job over: items are claimed with a ticket that carries the job's number).
    /// Dispatching allocates nothing. Workers spin briefly for the next job, then sleep on a monitor;
    /// <see cref="Dispose"/> stops and joins them.
    /// </summary>
    internal sealed class WorkerPool : IDisposable
    {
        const int SpinIterations = 2000;

        readonly Thread[] _threads;
        readonly object _gate = new object();
        Action<int> _work;
        int _count;
        long _ticket;              // job number << 32 | next item
        int _done;
        volatile int _job;
        volatile bool _stop;
        Exception _error;

        /// <summary>Creates <paramref name="threads"/> − 1 workers (the caller is the last thread); smaller jobs than <paramref name="minParallelWork"/> run on the caller.</summary>
        public WorkerPool(int threads, long minParallelWork = MinParallelWork)
        {
            _minParallelWork = minParallelWork;
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

        /// <summary>
        /// By default, jobs smaller than this (in values touched, or multiply-adds / 8) run on the calling
        /// thread alone: waking workers costs more than it saves, and a worker descheduled on a busy machine
        /// would hold up the whole job.
        /// </summary>
        public const long MinParallelWork = 100_000;

        readonly long _minParallelWork;

        /// <summary>Runs <paramref name="work"/>(i) for every i in [0, count) and returns when all are done; rethrows the first failure.</summary>
        /// <param name="work">The item body.</param>
        /// <param name="count">Items.</param>
        /// <param name="size">The job's size (values touched, or multiply-adds / 8): below the pool's threshold the caller runs every item.</param>
        public void Run(Action<int> work, int count, long size)
        {
            if (count <= 0) return;
            if (_threads.Length == 0 || count == 1 || size < _minParallelWork)
            {
                for (var i = 0; i < count; i++) work(i);
                return;
            }
            int job;
            lock (_gate)
            {
                job = _job + 1;
                _work = work;
                _count = count;
                _done = 0;
                Volatile.Write(ref _ticket, (long)job << 32);
                _job = job;
                Monitor.PulseAll(_gate);
            }
            Drain(job, work, count);
            for (var spin = 0; spin < SpinIterations && Volatile.Read(ref _done) < count; spin++) Thread.SpinWait(20);
            lock (_gate)
            {
                while (Volatile.Read(ref _done) < count) Monitor.Wait(_gate);
                _work = null;
            }
            var error = Interlocked.Exchange(ref _error, null);
            if (error != null) ExceptionDispatchInfo.Capture(error).Throw();
        }

        /// <summary>Claims and runs items of job <paramref name="job"/> until none are left.</summary>
        void Drain(int job, Action<int> work, int count)
        {
            while (true)
            {
                var ticket = Volatile.Read(ref _ticket);
                if ((int)(ticket >> 32) != job) return;
                var item = (int)ticket;
                if (item >= count) return;
                if (Interlocked.CompareExchange(ref _ticket, ticket + 1, ticket) != ticket) continue;
                try { work(item); }
                catch (Exception e) { Interlocked.CompareExchange(ref _error, e, null); }
                if (Interlocked.Increment(ref _done) == count)
                    lock (_gate) Monitor.PulseAll(_gate);
            }
        }

        void WorkerLoop()
        {
            var seen = 0;
            while (true)
            {
                for (var spin = 0; spin < SpinIterations && _job == seen && !_stop; spin++) Thread.SpinWait(20);
                Action<int> work;
                int count, job;
                lock (_gate)
                {
                    while (_job == seen && !_stop) Monitor.Wait(_gate);
                    if (_stop) return;
                    seen = job = _job;
                    work = _work;
                    count = _count;
                }
                if (work != null) Drain(job, work, count);
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
