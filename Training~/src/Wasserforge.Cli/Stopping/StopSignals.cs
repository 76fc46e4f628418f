using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Wasserforge.Cli.Stopping
{
    /// <summary>
    /// Turns Ctrl-C (SIGINT) and SIGTERM (what <c>timeout</c>, CI cancellation, <c>docker stop</c> and service
    /// managers send) into one cancellation: training finishes the step it is in, saves a checkpoint and the
    /// command exits with 128 + the signal's number, 130 after Ctrl-C and 143 after SIGTERM (the codes a shell
    /// reports for a process that signal ended, so the sender sees its signal was obeyed). Every signal is
    /// handled that way, a repeated one too; <c>kill -9</c> stops at once (losing what came after the last
    /// checkpoint). On Windows, Ctrl-C and Ctrl-Break arrive as SIGINT; a closed console window or a shutdown
    /// ends the process after a few seconds whatever it does, so there only Ctrl-C promises a checkpoint.
    /// </summary>
    sealed class StopSignals : IDisposable
    {
        /// <summary>Signal numbers (POSIX), for exit codes.</summary>
        const int Interrupt = 2, Terminate = 15;

        readonly CancellationTokenSource _cts = new CancellationTokenSource();
        readonly PosixSignalRegistration[] _registrations;
        int _received;

        /// <summary>Starts listening; dispose to give the signals back their default action.</summary>
        public StopSignals()
        {
            _registrations = new[] { Register(PosixSignal.SIGINT, Interrupt), Register(PosixSignal.SIGTERM, Terminate) };
        }

        /// <summary>Cancelled by the first stop signal.</summary>
        public CancellationToken Token => _cts.Token;

        /// <summary>The first signal received, in the user's words ("Ctrl-C", "SIGTERM"), or null.</summary>
        public string Received => Volatile.Read(ref _received) switch { 0 => null, Terminate => "SIGTERM", _ => "Ctrl-C" };

        /// <summary>128 + the first signal's number: 130 (Ctrl-C, also when none was received) or 143 (SIGTERM).</summary>
        public int ExitCode => 128 + (Volatile.Read(ref _received) == Terminate ? Terminate : Interrupt);

        PosixSignalRegistration Register(PosixSignal signal, int number) => PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;   // no default termination: the run stops itself at the end of its step
            Interlocked.CompareExchange(ref _received, number, 0);
            _cts.Cancel();
        });

        /// <summary>Stops listening.</summary>
        public void Dispose()
        {
            foreach (var r in _registrations) r.Dispose();
            _cts.Dispose();
        }
    }
}
