using System;
using System.Globalization;

namespace Wasserforge.Cli.Output
{
    /// <summary>What a generation verb writes: the layouts <see cref="GenerationLimits"/> knows the memory of.</summary>
    public enum OutputLayout
    {
        /// <summary>One PNG sheet (or strip) of all images.</summary>
        Sheet,
        /// <summary>One PNG per image.</summary>
        Separate,
        /// <summary>One .npy array of the raw floats.</summary>
        Npy,
        /// <summary>A scatter plot of 2-D points (a fixed-size PNG).</summary>
        Scatter,
        /// <summary>Floats kept in memory only (eval).</summary>
        Floats,
    }

    /// <summary>
    /// The largest request a generation verb (sample, interpolate, eval) accepts for a model, derived from
    /// memory: everything is generated in memory before one file is written (so a broken model or a full
    /// disk never leaves half an output), which bounds it twice. Each buffer (latents, floats, pixels,
    /// the PNG sheet or .npy bytes) is one .NET array of at most <see cref="MaxArray"/> elements, and all of
    /// them together must fit in half of this machine's memory. <see cref="Check"/> refuses a request
    /// past either bound before anything is allocated, with the limit and the reason.
    /// </summary>
    public sealed class GenerationLimits
    {
        /// <summary>The largest .NET array, in elements (<c>Array.MaxLength</c>).</summary>
        public const long MaxArray = 0x7FFFFFC7;

        readonly int _latentDim, _values, _width, _height;

        /// <summary>Limits for one model.</summary>
        /// <param name="latentDim">Latent length.</param>
        /// <param name="valuesPerSample">Floats per sample.</param>
        /// <param name="width">Image width (0 for points).</param>
        /// <param name="height">Image height (0 for points).</param>
        /// <param name="memoryBudget">Bytes the verb may use; default: half of <see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>.</param>
        public GenerationLimits(int latentDim, int valuesPerSample, int width, int height, long? memoryBudget = null)
        {
            _latentDim = latentDim;
            _values = valuesPerSample;
            _width = width;
            _height = height;
            MachineMemory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
            Budget = memoryBudget ?? MachineMemory / 2;
        }

        /// <summary>Memory this machine (or container) offers the process, in bytes.</summary>
        public long MachineMemory { get; }
        /// <summary>Bytes a request may use.</summary>
        public long Budget { get; }

        /// <summary>
        /// Refuses <paramref name="count"/> samples laid out as <paramref name="layout"/> when they do not fit.
        /// <paramref name="columnsFor"/> gives a sheet's columns for a count; <paramref name="countOption"/> names the
        /// option in the message (<c>--count</c>, <c>--steps</c>, <c>--samples</c>).
        /// </summary>
        /// <exception cref="ArgumentException">The request does not fit; the message names the largest one that does and why.</exception>
        public void Check(long count, OutputLayout layout, Func<long, long> columnsFor, int gap, string countOption, string advice = null)
        {
            var problem = Problem(count, layout, columnsFor, gap);
            if (problem == null) return;
            if (layout == OutputLayout.Sheet && gap > 0 && Problem(count, layout, columnsFor, 0) == null)
            {
                var largestGap = Largest(g => Problem(count, layout, columnsFor, (int)g) == null, gap);
                throw new ArgumentException($"--gap {gap}: {problem} The largest gap for {count} images is {largestGap}.");
            }
            var largest = Largest(n => Problem(n, layout, columnsFor, gap) == null, count);
            if (largest < 1) throw new ArgumentException($"{countOption} {count}: {problem} Not even one sample of this model fits this output.");
            var beyond = Problem(largest + 1, layout, columnsFor, gap);
            var why = beyond == problem ? "" : $" (beyond that, {Uncapitalised(beyond).TrimEnd('.')})";
            throw new ArgumentException($"{countOption} {count}: {problem} At most {largest} fit here{why}.{(advice == null ? "" : " " + advice)}");
        }

        /// <summary>Why <paramref name="count"/> samples do not fit, or null when they do.</summary>
        public string Problem(long count, OutputLayout layout, Func<long, long> columnsFor, int gap)
        {
            if (count * _latentDim > MaxArray)
                return $"the latents are {count} × {_latentDim} floats, more than one array holds ({MaxArray} values).";
            var floats = count * _values;
            if (floats > MaxArray)
                return $"the generated values are {count} × {_values} floats, more than one array holds ({MaxArray} values).";
            long need = count * (8 + 4L * _latentDim) + 4 * floats;
            var image = 4L * _width * _height;
            switch (layout)
            {
                case OutputLayout.Npy:
                    if (4 * floats + 256 > MaxArray)
                        return $"one .npy file is encoded in a single block of memory of at most {Size(MaxArray)} and these samples take {Size(4 * floats)}.";
                    need += 4 * floats;
                    break;
                case OutputLayout.Separate:
                    if (count * image > MaxArray)
                        return $"their pixels ({count} × {_width}x{_height} RGBA = {Size(count * image)}) are more than one array holds ({Size(MaxArray)}).";
                    need += count * image;
                    break;
                case OutputLayout.Sheet:
                {
                    if (count * image > MaxArray)
                        return $"their pixels ({count} × {_width}x{_height} RGBA = {Size(count * image)}) are more than one array holds ({Size(MaxArray)}).";
                    var cols = Math.Max(1, Math.Min(columnsFor(count), count));
                    var rows = (count + cols - 1) / cols;
                    // In doubles: a huge gap or column count must not overflow the arithmetic that refuses it.
                    var w = cols * ((double)_width + gap) + gap;
                    var h = rows * ((double)_height + gap) + gap;
                    // PngEncoder holds the sheet, its filtered rows and the compressed stream at once.
                    var sheetBytes = (4 * w + 1) * h;
                    if (w > int.MaxValue || h > int.MaxValue || sheetBytes > MaxArray)
                        return $"a PNG sheet of {count} images of {_width}x{_height} with --gap {gap} ({cols} per row) is {w:0} x {h:0} pixels ({Size(4 * w * h)} of RGBA), more than one PNG can be encoded from ({Size(MaxArray)}).";
                    need += count * image + 4 * (long)sheetBytes;
                    break;
                }
            }
            if (need > Budget)
                return $"it needs about {Size(need)} of memory: the output is built in memory before it is written, and the tool keeps to {Size(Budget)}, half of this machine's {Size(MachineMemory)}.";
            return null;
        }

        // The largest n in [0, upTo) that fits (fits(n) is monotone: every need grows with n).
        static long Largest(Func<long, bool> fits, long upTo)
        {
            long lo = 0, hi = upTo;   // fits(lo) holds (nothing needs nothing), fits(hi) does not
            while (hi - lo > 1)
            {
                var mid = lo + (hi - lo) / 2;
                if (fits(mid)) lo = mid; else hi = mid;
            }
            return lo;
        }

        static string Uncapitalised(string s) => char.ToLowerInvariant(s[0]) + s.Substring(1);

        static string Size(double bytes) => Wasserforge.Training.Config.ByteSize.Describe(bytes);
    }
}
