using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using TorchSharp;
using Wasserforge.Training.Engine;
using static TorchSharp.torch;

namespace Wasserforge.Training.Bench
{
    /// <summary>What one side of <see cref="ScalarRaceCheck"/> did.</summary>
    public readonly struct ScalarRaceResult
    {
        /// <summary>Updates done.</summary>
        public readonly long Updates;
        /// <summary>Seconds run.</summary>
        public readonly double Seconds;
        /// <summary>libtorch's error, or null if none came.</summary>
        public readonly string Error;
        /// <summary>Creates the result.</summary>
        public ScalarRaceResult(long updates, double seconds, string error) { Updates = updates; Seconds = seconds; Error = error; }
    }

    /// <summary>
    /// <c>wasserforge bench scalars</c>: the TorchSharp 0.107 Scalar lifetime bug (see <see cref="HeldScalars"/>) shown
    /// in isolation, for reports upstream. The update <c>a ← 0.5·a + 0.1·b</c> on a small tensor runs in a loop while
    /// another thread collects garbage and runs finalizers: once with .NET numbers (TorchSharp's temporary Scalars), once
    /// with held Scalars. The temporaries usually fail within a second; the held ones do not fail.
    /// </summary>
    public static class ScalarRaceCheck
    {
        /// <summary>Runs one side for at most <paramref name="seconds"/>; <paramref name="held"/> picks held Scalars.</summary>
        public static ScalarRaceResult Run(bool held, double seconds)
        {
            using var a = ones(8);
            using var b = ones(8);
            using var scalars = new ScalarScope();
            Scalar keep = scalars.Of(0.5), take = scalars.Of(0.1);
            var stop = 0;
            var collector = new Thread(() => { while (Volatile.Read(ref stop) == 0) { GC.Collect(); GC.WaitForPendingFinalizers(); } }) { IsBackground = true };
            collector.Start();
            var clock = Stopwatch.StartNew();
            long n = 0;
            try
            {
                while (clock.Elapsed.TotalSeconds < seconds)
                {
                    if (held) a.mul_(keep).add_(b, take);
#pragma warning disable RS0030   // the temporaries this check exists to show
                    else a.mul_(0.5).add_(b, alpha: 0.1);
#pragma warning restore RS0030
                    n++;
                }
                return new ScalarRaceResult(n, clock.Elapsed.TotalSeconds, null);
            }
            catch (ExternalException e)
            {
                return new ScalarRaceResult(n, clock.Elapsed.TotalSeconds, e.Message.Split('\n')[0]);
            }
            finally
            {
                Volatile.Write(ref stop, 1);
                collector.Join();
            }
        }
    }
}
