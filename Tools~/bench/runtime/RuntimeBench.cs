using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.ML.OnnxRuntime;
using Wasserforge;
using Wasserforge.Pixels;

/// <summary>
/// usage: wasserforge-runtime-bench THREADS REPEATS [--raw-first] MODEL.onnx...
/// For each model and batch 1 and 16, in one process and on the same latents as peer.js:
/// "ours" is one <see cref="GeneratorModel.Generate"/> call (CPU provider, THREADS intra-op threads);
/// "raw" is the same model through ONNX Runtime's C# API used the fastest way: a session with the
/// same options, the input and output OrtValues built once over preallocated arrays, bound once to
/// an OrtIoBinding, and only <c>RunWithBinding</c> timed. The two alternate call by call (ours, raw,
/// ours, …) for REPEATS calls each after warm-up, so both see the same machine. Also the median time
/// of <see cref="PixelConverter.ToRgba32"/> of the batch. Besides each side's median, the median of the
/// per-call ratios ours/raw (each pair ran back to back, so a slow moment of the machine slows both).
/// --raw-first creates the raw session before ours (run.sh alternates it by round, so neither side always
/// gets the first memory placement). Prints one JSON array (read by run.sh).
/// </summary>
internal static class RuntimeBench
{
    static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "texture") return TextureBench.Run(args[1..]);
        if (args.Length < 3)
        {
            Console.Error.WriteLine("usage: wasserforge-runtime-bench THREADS REPEATS MODEL.onnx...");
            return 2;
        }
        var threads = int.Parse(args[0], CultureInfo.InvariantCulture);
        var repeats = int.Parse(args[1], CultureInfo.InvariantCulture);
        var rawFirst = args[2] == "--raw-first";
        var rows = new List<string>();
        foreach (var file in args.Skip(rawFirst ? 3 : 2))
        {
            var raw = rawFirst ? new RawSession(file, threads) : null;
            using (var model = GeneratorModel.Load(file, new GeneratorOptions { Device = ExecutionDevice.Cpu, IntraOpThreads = threads }))
            using (raw = raw ?? new RawSession(file, threads))
            {
                foreach (var batch in new[] { 1, 16 })
                {
                    var z = new float[batch * model.LatentDim];
                    for (var i = 0; i < z.Length; i++) z[i] = (float)Math.Sin(i * 0.7);
                    var output = new float[batch * model.ValuesPerSample];
                    var rgba = new byte[batch * model.Width * model.Height * 4];
                    using (var rawRun = raw.Prepare(z, batch, model.Channels, model.Height, model.Width))
                    {
                        var (ours, direct, ratio) = TimeAlternating(() => model.Generate(z, batch, output), rawRun.Run, repeats);
                        if (!rawRun.Output.AsSpan().SequenceEqual(output)) throw new InvalidOperationException("ours and raw disagree on " + file);
                        var conv = TimeBlocks(() => PixelConverter.ToRgba32(output, batch, model.Channels, model.Width, model.Height, rgba, true), repeats);
                        rows.Add(string.Format(CultureInfo.InvariantCulture,
                            "{{\"model\":\"{0}\",\"size\":{1},\"batch\":{2},\"median_ms\":{3:R},\"raw_median_ms\":{4:R},\"paired_ratio\":{5:R},\"convert_ms\":{6:R},\"ort\":\"{7}\"}}",
                            file.Replace("\\", "\\\\"), model.Width, batch, ours, direct, ratio, conv, OrtEnv.Instance().GetVersionString()));
                    }
                }
            }
        }
        Console.WriteLine("[" + string.Join(",", rows) + "]");
        return 0;
    }

    /// <summary>The raw-API side: its own session with the options GeneratorModel uses on the CPU.</summary>
    sealed class RawSession : IDisposable
    {
        readonly SessionOptions _options;
        readonly InferenceSession _session;

        public RawSession(string file, int threads)
        {
            _options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = threads };
            _session = new InferenceSession(file, _options);
        }

        public RawRun Prepare(float[] latents, int batch, int channels, int height, int width) =>
            new RawRun(_session, (float[])latents.Clone(), new float[batch * channels * height * width],
                new long[] { batch, latents.Length / batch }, new long[] { batch, channels, height, width });

        public void Dispose()
        {
            _session.Dispose();
            _options.Dispose();
        }
    }

    /// <summary>Pre-built OrtValues over preallocated arrays, bound once; <see cref="Run"/> is all that is timed.</summary>
    sealed class RawRun : IDisposable
    {
        readonly InferenceSession _session;
        readonly OrtValue _input, _output;
        readonly OrtIoBinding _binding;
        readonly RunOptions _runOptions = new RunOptions();
        public float[] Output { get; }

        public RawRun(InferenceSession session, float[] input, float[] output, long[] inputShape, long[] outputShape)
        {
            _session = session;
            Output = output;
            _input = OrtValue.CreateTensorValueFromMemory(input, inputShape);
            _output = OrtValue.CreateTensorValueFromMemory(output, outputShape);
            _binding = session.CreateIoBinding();
            _binding.BindInput("z", _input);
            _binding.BindOutput("image", _output);
        }

        public void Run() => _session.RunWithBinding(_runOptions, _binding);

        public void Dispose()
        {
            _binding.Dispose();
            _input.Dispose();
            _output.Dispose();
            _runOptions.Dispose();
        }
    }

    /// <summary>
    /// Median milliseconds of <paramref name="a"/> and <paramref name="b"/>, called alternately <paramref name="repeats"/>
    /// times each after warm-up, and the median of the per-pair ratios a/b.
    /// </summary>
    static (double a, double b, double ratio) TimeAlternating(Action a, Action b, int repeats)
    {
        for (var i = 0; i < Math.Max(5, repeats / 10); i++) { a(); b(); }
        var ta = new double[repeats];
        var tb = new double[repeats];
        var ratios = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            // Swap the order every call, so neither side always runs right after the other.
            var first = (i & 1) == 0;
            var t0 = Stopwatch.GetTimestamp();
            if (first) a(); else b();
            var t1 = Stopwatch.GetTimestamp();
            if (first) b(); else a();
            var t2 = Stopwatch.GetTimestamp();
            ta[i] = Ms(first ? t1 - t0 : t2 - t1);
            tb[i] = Ms(first ? t2 - t1 : t1 - t0);
            ratios[i] = ta[i] / tb[i];
        }
        return (Median(ta), Median(tb), Median(ratios));
    }

    static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    static double Median(double[] values)
    {
        Array.Sort(values);
        return values[values.Length / 2];
    }

    /// <summary>Median per-call milliseconds of blocks long enough (≥ 2 ms) for a stable clock reading.</summary>
    static double TimeBlocks(Action call, int blocks)
    {
        // Past tiered JIT's first tier: many calls, then time for the background tier-1 compile.
        var sw = Stopwatch.StartNew();
        var perBlock = 0;
        while (sw.Elapsed.TotalMilliseconds < 200) { call(); perBlock++; }
        Thread.Sleep(200);
        perBlock = Math.Max(1, perBlock / 100);
        var ms = new double[blocks];
        for (var b = 0; b < blocks; b++)
        {
            var t = Stopwatch.GetTimestamp();
            for (var i = 0; i < perBlock; i++) call();
            ms[b] = Ms(Stopwatch.GetTimestamp() - t) / perBlock;
        }
        return Median(ms);
    }
}
