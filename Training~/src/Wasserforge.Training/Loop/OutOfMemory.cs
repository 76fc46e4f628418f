using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Wasserforge.Training.Config;

namespace Wasserforge.Training.Loop
{
    /// <summary>
    /// Training ran out of memory inside libtorch although <see cref="TrainingMemory"/> let the config through
    /// (a GPU smaller than the run needs, or a machine whose memory other programs hold). The message names the
    /// config and what to lower.
    /// </summary>
    public sealed class TrainingOutOfMemoryException : WasserforgeException
    {
        /// <summary>Creates the exception.</summary>
        public TrainingOutOfMemoryException(string message, Exception inner) : base(message, inner) { }
    }

    /// <summary>Recognises libtorch's out-of-memory errors and says them in the config's terms.</summary>
    static class OutOfMemory
    {
        /// <summary>True for libtorch's CPU allocator failure ("DefaultCPUAllocator: can't allocate memory") and CUDA's "out of memory".</summary>
        public static bool Matches(Exception e) =>
            e is ExternalException && (e.Message.Contains("can't allocate memory", StringComparison.Ordinal) || e.Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase));

        /// <summary>The error for <paramref name="e"/> in a run of <paramref name="configPath"/> after <paramref name="steps"/> steps.</summary>
        public static TrainingOutOfMemoryException Describe(Exception e, string configPath, long steps)
        {
            var bytes = Regex.Match(e.Message, @"tried to allocate (\d+) bytes", RegexOptions.IgnoreCase);
            var what = bytes.Success ? ByteSize.Describe(double.Parse(bytes.Groups[1].Value, CultureInfo.InvariantCulture)) + " more"
                : Regex.Match(e.Message, @"Tried to allocate ([0-9.]+ [KMG]iB)").Groups[1].Value is { Length: > 0 } cuda ? cuda + " more" : "more memory";
            var where = e.Message.Contains("CUDA", StringComparison.Ordinal) ? "the GPU" : "this machine";
            var when = steps == 0 ? "before its first step" : $"after {steps} step{(steps == 1 ? "" : "s")}";
            return new TrainingOutOfMemoryException(
                $"{configPath}: training ran out of memory {when}: libtorch needed {what} than {where} had free. " +
                "Lower training.batch_size first (activations grow with it), then model.max_width or data.size; on a GPU, close other programs using it.", e);
        }
    }
}
