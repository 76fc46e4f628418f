using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Wasserforge.Contract;
using Wasserforge.Pixels;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Wasserforge.Training.Config;
using Wasserforge.Training.Export;
using Wasserforge.Training.Models;

namespace Wasserforge.Training.Bench
{
    /// <summary>One measured configuration of the runtime benchmark.</summary>
    public sealed class RuntimeTiming
    {
        /// <summary>Model file.</summary>
        public string Model;
        /// <summary>Image size.</summary>
        public int Size;
        /// <summary>Batch.</summary>
        public int Batch;
        /// <summary>Mean milliseconds of <c>GeneratorModel.Generate</c>.</summary>
        public double GenerateMs;
        /// <summary>Mean milliseconds of RGBA32 conversion of the batch.</summary>
        public double ConvertMs;
        /// <summary>Multiply-adds per sample.</summary>
        public long MacsPerSample;
    }

    /// <summary>
    /// Exports DCGAN generators at 32, 64 and 128 px (random weights; same architecture as training,
    /// latent 128, width 64) and times generation through the runtime at batch 1 and 16.
    /// Tools~/bench/runtime/run.sh times the same files in onnxruntime-node for comparison.
    /// </summary>
    public static class RuntimeBenchmark
    {
        /// <summary>Writes the models into <paramref name="folder"/> and returns our timings.</summary>
        public static List<RuntimeTiming> Run(string folder, int threads, int repeats)
        {
            Directory.CreateDirectory(folder);
            var results = new List<RuntimeTiming>();
            foreach (var size in new[] { 32, 64, 128 })
            {
                var path = Path.Combine(folder, $"dcgan_{size}.onnx");
                var macs = ExportModel(size, path);
                using var model = GeneratorModel.Load(path, new GeneratorOptions { Device = ExecutionDevice.Cpu, IntraOpThreads = threads });
                foreach (var batch in new[] { 1, 16 })
                {
                    var z = new float[batch * model.LatentDim];
                    for (var i = 0; i < z.Length; i++) z[i] = (float)Math.Sin(i * 0.7);
                    var output = new float[batch * model.ValuesPerSample];
                    var rgba = new byte[batch * size * size * 4];
                    for (var i = 0; i < 5; i++) model.Generate(z, batch, output);
                    // Past tiered JIT's first tier: many calls, then time for the background tier-1 compile.
                    for (var i = 0; i < 2000; i++) PixelConverter.ToRgba32(output, batch, 3, size, size, rgba);
                    System.Threading.Thread.Sleep(300);
                    var sw = Stopwatch.StartNew();
                    for (var i = 0; i < repeats; i++) model.Generate(z, batch, output);
                    var gen = sw.Elapsed.TotalMilliseconds / repeats;
                    // Conversion takes microseconds: time many more calls than generation for a stable mean.
                    var convRepeats = Math.Max(repeats, 40000 / batch);
                    sw.Restart();
                    for (var i = 0; i < convRepeats; i++) PixelConverter.ToRgba32(output, batch, 3, size, size, rgba);
                    var conv = sw.Elapsed.TotalMilliseconds / convRepeats;
                    results.Add(new RuntimeTiming { Model = path, Size = size, Batch = batch, GenerateMs = gen, ConvertMs = conv, MacsPerSample = macs });
                }
            }
            return results;
        }

        static long ExportModel(int size, string path)
        {
            manual_seed(1);
            var c = new TrainConfig();
            c.Data.Size = size; c.Data.Channels = 3;
            c.Model.LatentDim = 128; c.Model.Width = 64; c.Model.MaxWidth = 512;
            ConfigDefaults.Apply(c);
            using var models = ModelFactory.Create(c, 3);
            var d = new GeneratorDescription { LatentDim = 128, Width = size, Height = size, Channels = 3, Loss = "benchmark" };
            GeneratorExporter.Export(models.Generator, d, path);
            return Macs(models.Generator, size);
        }

        /// <summary>Multiply-adds of one forward pass per sample (linear and convolution layers).</summary>
        public static long Macs(Sequential g, int size)
        {
            long macs = 0;
            long h = 4;
            foreach (var layer in g.children())
            {
                switch (layer)
                {
                    case Linear l: macs += l.weight.size(0) * l.weight.size(1); break;
                    case ConvTranspose2d ct:
                        macs += ct.weight.size(0) * ct.weight.size(1) * ct.weight.size(2) * ct.weight.size(3) * h * h;
                        h = (h - 1) * ct.stride[0] - 2 * ct.padding[0] + ct.weight.size(2) + ct.output_padding[0];
                        break;
                    case Upsample u: h = (long)(h * u.scale_factor[0]); break;
                    case Conv2d cv:
                        h = (h + 2 * cv.padding[0] - cv.weight.size(2)) / cv.stride[0] + 1;
                        macs += cv.weight.size(0) * cv.weight.size(1) * cv.weight.size(2) * cv.weight.size(3) * h * h;
                        break;
                }
            }
            return macs;
        }
    }
}
