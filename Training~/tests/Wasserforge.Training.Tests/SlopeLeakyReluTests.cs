using System;
using System.Threading;
using NUnit.Framework;
using TorchSharp;
using Wasserforge.Training.Models;
using static TorchSharp.torch;

namespace Wasserforge.Training.Tests
{
    public class SlopeLeakyReluTests
    {
        [Test]
        public void GivesLeakyReluValues()
        {
            using var m = new SlopeLeakyRelu(0.2);
            using var x = tensor(new[] { -2f, -0.5f, 0f, 3f });
            using var y = m.forward(x);
            Assert.That(y.data<float>().ToArray(), Is.EqualTo(new[] { -0.4f, -0.1f, 0f, 3f }).Within(1e-7f));
        }

        /// <summary>
        /// The slope must stay valid while garbage collections and finalizers run on another thread
        /// throughout: a slope freed mid-call makes libtorch fail or read garbage (the bug this module avoids).
        /// </summary>
        [Test]
        public void KeepsItsSlopeThroughGarbageCollections()
        {
            using var m = new SlopeLeakyRelu(0.2);
            using var x = tensor(new[] { -1f, 1f });
            var stop = 0;
            var collector = new Thread(() =>
            {
                while (Volatile.Read(ref stop) == 0) { GC.Collect(); GC.WaitForPendingFinalizers(); }
            });
            collector.Start();
            try
            {
                for (var i = 0; i < 20_000; i++)
                {
                    using var y = m.forward(x);
                    Assert.That(y.data<float>()[0], Is.EqualTo(-0.2f).Within(1e-7f), $"call {i}");
                }
            }
            finally
            {
                Volatile.Write(ref stop, 1);
                collector.Join();
            }
        }
    }
}
