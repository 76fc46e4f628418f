using System;
using System.Threading;
using NUnit.Framework;
using Wasserforge.Deterministic;

namespace Wasserforge.Tests.Deterministic
{
    public class WorkerPoolTests
    {
        [TestCase(1)]
        [TestCase(2)]
        [TestCase(5)]
        public void EveryItemOfEveryJobRunsExactlyOnce(int threads)
        {
            using (var pool = new WorkerPool(threads))
            {
                Assert.That(pool.Threads, Is.EqualTo(threads));
                for (var job = 0; job < 200; job++)
                {
                    var count = 1 + job % 37;
                    var runs = new int[count];
                    pool.Run(i => Interlocked.Increment(ref runs[i]), count, job % 2 == 0 ? WorkerPool.MinParallelWork : 0);
                    Assert.That(runs, Is.All.EqualTo(1), $"job {job}");
                }
            }
        }

        [Test]
        public void AFailingItemIsRethrownAfterTheJob()
        {
            using (var pool = new WorkerPool(3))
            {
                var runs = 0;
                var e = Assert.Throws<InvalidOperationException>(() => pool.Run(i =>
                {
                    Interlocked.Increment(ref runs);
                    if (i == 7) throw new InvalidOperationException("item 7");
                }, 20, WorkerPool.MinParallelWork));
                Assert.That(e.Message, Is.EqualTo("item 7"));
                Assert.That(runs, Is.EqualTo(20));
                var again = 0;
                pool.Run(i => Interlocked.Increment(ref again), 10, WorkerPool.MinParallelWork);
                Assert.That(again, Is.EqualTo(10), "the pool still works after a failure");
            }
        }

        [Test]
        public void DisposeStopsTheWorkersAndIsIdempotent()
        {
            var pool = new WorkerPool(4);
            pool.Run(i => { }, 8, WorkerPool.MinParallelWork);
            pool.Dispose();
            pool.Dispose();
            Assert.Throws<ArgumentOutOfRangeException>(() => new WorkerPool(0));
        }
    }
}
