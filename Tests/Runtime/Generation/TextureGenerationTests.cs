using System;
using System.Threading;
using NUnit.Framework;
using Wasserforge.Contract;
using Wasserforge.Latent;
using Wasserforge.Pixels;

namespace Wasserforge.Tests.Generation
{
    /// <summary>Texture models (contract version 2): any size, seamless, tiled generation exact, the latent tools on the global code.</summary>
    public class TextureGenerationTests
    {
        const string Fixture = "texture_v2_rgb_s4.onnx";

        static GeneratorModel Load(int tileCells = 32) =>
            GeneratorModel.Load(TestPaths.Fixture(Fixture), new GeneratorOptions { Device = ExecutionDevice.Cpu, IntraOpThreads = 1, TextureTileCells = tileCells });

        static float[] Texture(GeneratorModel m, ulong zSeed, ulong noiseSeed, int width, int height)
        {
            var output = new float[m.Channels * width * height];
            m.GenerateTexture(LatentSampler.Sample(zSeed, m.LatentDim), noiseSeed, width, height, output);
            return output;
        }

        [Test]
        public void LoadsAsATextureModel()
        {
            using (var m = Load())
            {
                Assert.That(m.IsTexture, Is.True);
                Assert.That(new[] { m.LatentDim, m.NoiseChannels, m.NoiseScale, m.NoiseHalo, m.Channels, m.Width, m.Height }, Is.EqualTo(new[] { 8, 4, 4, 2, 3, 16, 16 }));
                Assert.That(m.Description.Tileable, Is.True);
                Assert.That(m.Description.ContractVersion, Is.EqualTo(2));
            }
        }

        [Test]
        public void MatchesPyTorchForItsSeeds()
        {
            using (var m = Load(tileCells: 4))   // 4-cell tiles: the 40 x 36 case runs in tiles with halos
            {
                foreach (var e in ExpectedTexture.Load(Fixture))
                {
                    Assert.That(LatentSampler.Sample(e.ZSeed, m.LatentDim), Is.EqualTo(e.Z), "wf-normal-1 global code");
                    Assert.That(Texture(m, e.ZSeed, e.NoiseSeed, e.Width, e.Height), Is.EqualTo(e.Output).Within(2e-5f), $"{e.Width} x {e.Height}");
                }
            }
        }

        [Test]
        public void NoiseIsTheIndependentWfNoise1()
        {
            foreach (var e in ExpectedTexture.Load(Fixture))
            {
                int h = e.Height / 4, w = e.Width / 4;
                var noise = new float[4 * h * w];
                TextureNoise.Fill(e.NoiseSeed, 4, 0, 0, h, w, h, w, noise);
                Assert.That(noise, Is.EqualTo(e.Noise), "bit for bit");
            }
        }

        [Test]
        public void NoiseWindowsWrapOnTheTorus()
        {
            var whole = new float[3 * 5 * 7];
            TextureNoise.Fill(9, 3, 0, 0, 5, 7, 5, 7, whole);
            var window = new float[3 * 2 * 3];
            TextureNoise.Fill(9, 3, -1, 6, 2, 3, 5, 7, window);          // rows 4, 0 and columns 6, 0, 1
            int[] rows = { 4, 0 }, cols = { 6, 0, 1 };
            for (var c = 0; c < 3; c++)
                for (var i = 0; i < 2; i++)
                    for (var j = 0; j < 3; j++)
                        Assert.That(window[(c * 2 + i) * 3 + j], Is.EqualTo(whole[(c * 5 + rows[i]) * 7 + cols[j]]));
        }

        [TestCase(3)]
        [TestCase(5)]
        [TestCase(7)]
        public void TiledGenerationEqualsTheWholeGraphRunExactly(int tileCells)
        {
            // 20 x 18 cells: tiles that do not divide the texture (the last one moves back) and halos that wrap.
            using (var whole = Load(tileCells: 1000))
            using (var tiled = Load(tileCells))
            {
                var a = Texture(whole, 11, 3, 80, 72);
                var b = Texture(tiled, 11, 3, 80, 72);
                Assert.That(b, Is.EqualTo(a), "bit for bit");
                var ra = new byte[80 * 72 * 4];
                var rb = new byte[80 * 72 * 4];
                var z = LatentSampler.Sample(11, 8);
                whole.GenerateTextureRgba32(z, 3, 80, 72, ra, bottomUp: true);
                tiled.GenerateTextureRgba32(z, 3, 80, 72, rb, bottomUp: true);
                Assert.That(rb, Is.EqualTo(ra));
                var reference = new byte[80 * 72 * 4];
                PixelConverter.ToRgba32(a, 1, 3, 80, 72, reference, bottomUp: true);
                Assert.That(rb, Is.EqualTo(reference), "tile-by-tile conversion = whole-texture conversion");
            }
        }

        [TestCase(256)]
        [TestCase(1024)]
        public void WrapAroundSeamIsNoLargerThanInteriorNeighbours(int size)
        {
            using (var m = Load())
            {
                var t = Texture(m, 42, 7, size, size);
                // Across the wrap edge (last column to first, last row to first) against interior neighbour pairs at
                // the same position within a noise cell (cell boundaries: nearest upsampling makes pairs inside a cell closer).
                double wrapX = ColumnPair(t, size, size - 1, 0), wrapY = RowPair(t, size, size - 1, 0);
                double maxX = 0, maxY = 0, meanX = 0;
                var pairs = 0;
                for (var b = m.NoiseScale; b < size; b += m.NoiseScale)
                {
                    maxX = Math.Max(maxX, ColumnPair(t, size, b - 1, b));
                    maxY = Math.Max(maxY, RowPair(t, size, b - 1, b));
                    meanX += ColumnPair(t, size, b - 1, b);
                    pairs++;
                }
                TestContext.Out.WriteLine($"{size}: wrap x {wrapX:F4}, y {wrapY:F4}; interior cell-boundary pairs mean x {meanX / pairs:F4}, max x {maxX:F4}, y {maxY:F4}");
                Assert.That(wrapX, Is.GreaterThan(0), "a flat texture would pass trivially");
                Assert.That(wrapX, Is.LessThanOrEqualTo(maxX));
                Assert.That(wrapY, Is.LessThanOrEqualTo(maxY));
            }
        }

        static double ColumnPair(float[] t, int size, int x0, int x1)
        {
            double sum = 0;
            for (var c = 0; c < 3; c++)
                for (var y = 0; y < size; y++)
                    sum += Math.Abs(t[(c * size + y) * size + x0] - t[(c * size + y) * size + x1]);
            return sum / (3.0 * size);
        }

        static double RowPair(float[] t, int size, int y0, int y1)
        {
            double sum = 0;
            for (var c = 0; c < 3; c++)
                for (var x = 0; x < size; x++)
                    sum += Math.Abs(t[(c * size + y0) * size + x] - t[(c * size + y1) * size + x]);
            return sum / (3.0 * size);
        }

        [Test]
        public void ALargerCanvasExtendsASmallerOne()
        {
            using (var m = Load(tileCells: 8))
            {
                const int small = 64, large = 160;
                var a = Texture(m, 5, 21, small, small);
                var b = Texture(m, 5, 21, large, large);
                // Away from the small canvas's wrap (halo cells from each of its edges) both see the same noise.
                var margin = m.NoiseHalo * m.NoiseScale;
                int same = 0, differ = 0;
                for (var c = 0; c < 3; c++)
                    for (var y = 0; y < small; y++)
                        for (var x = 0; x < small; x++)
                        {
                            var equal = a[(c * small + y) * small + x] == b[(c * large + y) * large + x];
                            var inside = y >= margin && y < small - margin && x >= margin && x < small - margin;
                            if (inside) Assert.That(equal, Is.True, $"pixel ({x}, {y}) channel {c}");
                            else if (equal) same++; else differ++;
                        }
                Assert.That(differ, Is.GreaterThan(0), "near its wrap edge the small canvas wraps to its own far side");
            }
        }

        [Test]
        public void GenerateMakesTheDefaultSizeWithTheDefaultNoiseSeed()
        {
            using (var m = Load())
            {
                var z = new float[2 * 8];
                LatentSampler.Sample(3, z.AsSpan(0, 8));
                LatentSampler.Sample(4, z.AsSpan(8, 8));
                var batch = new float[2 * m.ValuesPerSample];
                m.Generate(z, 2, batch);
                Assert.That(batch.AsSpan(0, m.ValuesPerSample).ToArray(), Is.EqualTo(Texture(m, 3, ModelContract.DefaultNoiseSeed, 16, 16)));
                Assert.That(batch.AsSpan(m.ValuesPerSample).ToArray(), Is.EqualTo(Texture(m, 4, ModelContract.DefaultNoiseSeed, 16, 16)));
                var rgba = new byte[2 * 16 * 16 * 4];
                m.GenerateRgba32(z, 2, rgba, bottomUp: true);
                var reference = new byte[rgba.Length];
                PixelConverter.ToRgba32(batch, 2, 3, 16, 16, reference, bottomUp: true);
                Assert.That(rgba, Is.EqualTo(reference));
            }
        }

        [Test]
        public void SizesMustBeWholeNoiseCells()
        {
            using (var m = Load())
            {
                var z = new float[8];
                var e = Assert.Throws<ArgumentException>(() => m.GenerateTexture(z, 0, 18, 16, new float[3 * 18 * 16]));
                Assert.That(e.ParamName, Is.EqualTo("width"));
                Assert.That(e.Message, Does.Contain("16 or 20").And.Contain("noise scale 4"));
                Assert.That(Assert.Throws<ArgumentException>(() => m.GenerateTexture(z, 0, 16, 3, new float[3 * 16 * 3])).Message, Does.Contain("nearest are 4"));
                Assert.Throws<ArgumentOutOfRangeException>(() => m.GenerateTexture(z, 0, 0, 16, new float[1]));
                var tooBig = Assert.Throws<ArgumentOutOfRangeException>(() => m.GenerateTextureRgba32(z, 0, ModelContract.MaxTextureSide + 4, 16, new byte[1]));
                Assert.That(tooBig.Message, Does.Contain("16384"));
                Assert.That(Assert.Throws<ArgumentException>(() => m.GenerateTexture(z, 0, 32, 32, new float[3 * 32 * 31])).ParamName, Is.EqualTo("output"));
                Assert.That(Assert.Throws<ArgumentException>(() => m.GenerateTexture(new float[7], 0, 32, 32, new float[3 * 32 * 32])).ParamName, Is.EqualTo("z"));
            }
        }

        [Test]
        public void ImageModelsRefuseTextureSizes()
        {
            using (var m = GeneratorModel.Load(TestPaths.Fixture("generator_v1_rgb_4x4.onnx")))
            {
                Assert.That(m.IsTexture, Is.False);
                Assert.That(m.NoiseScale, Is.EqualTo(0));
                var e = Assert.Throws<InvalidOperationException>(() => m.GenerateTexture(new float[8], 0, 8, 8, new float[3 * 64]));
                Assert.That(e.Message, Does.Contain("not a texture model"));
            }
        }

        [Test]
        public void SteadyStateTextureGenerationAllocatesNothing()
        {
            using (var m = Load(tileCells: 8))
            {
                var z = LatentSampler.Sample(1, 8);
                var floats = new float[3 * 96 * 64];
                var rgba = new byte[96 * 64 * 4];
                for (var i = 0; i < 5; i++) { m.GenerateTexture(z, 2, 96, 64, floats); m.GenerateTextureRgba32(z, 2, 96, 64, rgba, true); }
                // A per-call allocation shows in every window; a one-off of the runtime itself in at most one.
                var windows = new long[4];
                for (var w = 0; w < windows.Length; w++)
                {
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    for (var i = 0; i < 10; i++) { m.GenerateTexture(z, 2, 96, 64, floats); m.GenerateTextureRgba32(z, 2, 96, 64, rgba, true); }
                    windows[w] = GC.GetAllocatedBytesForCurrentThread() - before;
                }
                Assert.That(windows, Has.Some.EqualTo(0), string.Join(", ", windows));
            }
        }

        [Test]
        public void AsyncEqualsSyncAndCancellationStopsIt()
        {
            using (var m = Load(tileCells: 4))
            {
                var z = LatentSampler.Sample(8, 8);
                var sync = Texture(m, 8, 1, 48, 32);
                var output = new float[sync.Length];
                m.GenerateTextureAsync(z, 1, 48, 32, output).GetAwaiter().GetResult();
                Assert.That(output, Is.EqualTo(sync));
                var rgba = new byte[48 * 32 * 4];
                m.GenerateTextureRgba32Async(z, 1, 48, 32, rgba).GetAwaiter().GetResult();
                var reference = new byte[rgba.Length];
                PixelConverter.ToRgba32(sync, 1, 3, 48, 32, reference);
                Assert.That(rgba, Is.EqualTo(reference));
                using (var cts = new CancellationTokenSource())
                {
                    cts.Cancel();
                    Assert.That(() => m.GenerateTextureAsync(z, 1, 48, 32, output, cts.Token).GetAwaiter().GetResult(), Throws.InstanceOf<OperationCanceledException>());
                }
            }
        }

        [Test]
        public void DeterministicDeviceRefusesTextureModelsNamingOnnxRuntime()
        {
            var path = TestPaths.Fixture(Fixture);
            var e = Assert.Throws<ModelLoadException>(() => GeneratorModel.Load(path, new GeneratorOptions { Device = ExecutionDevice.Deterministic }).Dispose());
            Assert.That(e.Reason, Is.EqualTo(ModelLoadError.UnsupportedOperator));
            Assert.That(e.Message, Does.StartWith(path + ": ").And.Contain("texture model").And.Contain("ONNX Runtime"));
        }

        [TestCase("broken_v2_texture_noise_name.onnx", ModelLoadError.WrongInput, "'local'")]
        [TestCase("broken_v2_texture_fixed_noise.onnx", ModelLoadError.WrongInput, "h and w dynamic")]
        public void BrokenTextureFilesAreNamed(string fixture, ModelLoadError reason, string mentions)
        {
            var path = TestPaths.Fixture(fixture);
            var e = Assert.Throws<ModelLoadException>(() => GeneratorModel.Load(path).Dispose());
            Assert.That(e.Reason, Is.EqualTo(reason));
            Assert.That(e.Message, Does.StartWith(path + ": ").And.Contain(mentions));
        }
    }
}
