using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Wasserforge.Explorer;
using Wasserforge.Latent;

namespace Wasserforge.Tests.Explorer
{
    public class ExplorerIoTests
    {
        string _dir;
        [SetUp] public void Dir() => _dir = TestPaths.NewTempDir();
        [TearDown] public void Clean() => Directory.Delete(_dir, true);

        static string Model => TestPaths.Fixture("generator_v1_rgb_4x4.onnx");

        [Test]
        public void SessionRoundTrips()
        {
            var s = new ExplorerState(8, 3) { Spread = 0.25f, Truncation = 0.7f, VariationSeed = 99, UseSlerp = false, PathSteps = 5 };
            s.SetGrid(4, 2);
            s.RecentreOnCell(1);
            s.AddAnchorFromCell(0);
            s.AddAnchorFromCell(2);
            s.BookmarkCentre("dark \"bricks\"");
            s.BookmarkCentre("moss");
            var path = Path.Combine(_dir, "m.onnx.explorer.json");
            ExplorerSession.Save(s, path);
            var back = ExplorerSession.Load(path, 8);
            Assert.That(back.CentreLatent, Is.EqualTo(s.CentreLatent));
            Assert.That(back.CentreLabel, Is.EqualTo(s.CentreLabel));
            Assert.That((back.Spread, back.Truncation, back.VariationSeed, back.UseSlerp, back.PathSteps, back.Columns, back.Rows),
                Is.EqualTo((0.25f, 0.7f, 99UL, false, 5, 4, 2)));
            Assert.That(back.Anchors.Count, Is.EqualTo(2));
            Assert.That(back.Anchors[1], Is.EqualTo(s.Anchors[1]));
            Assert.That(back.Bookmarks, Is.EqualTo(s.Bookmarks));
            Assert.That(back.CanUndo, Is.False);
            Assert.That(back.GridLatents(), Is.EqualTo(s.GridLatents()));
        }

        [Test]
        public void DamagedOrMismatchedSessionsAreNamed()
        {
            var path = Path.Combine(_dir, "s.json");
            File.WriteAllText(path, "{ \"format\": 1, ");
            var e = Assert.Throws<FormatException>(() => ExplorerSession.Load(path, 8));
            Assert.That(e.Message, Does.StartWith(path));
            var s = new ExplorerState(8, 1);
            ExplorerSession.Save(s, path);
            Assert.That(Assert.Throws<FormatException>(() => ExplorerSession.Load(path, 16)).Message, Does.Contain("this model has 16"));
        }

        [Test]
        public async Task RendererMatchesTheModelAndBatches()
        {
            using var model = GeneratorModel.Load(Model);
            using var renderer = new ExplorerRenderer(model, batchSize: 4);
            var s = new ExplorerState(8, 2);
            var latents = s.GridLatents();
            var progress = new List<int>();
            var rgba = await renderer.RenderAsync(latents, s.CellCount, (done, total) => { lock (progress) progress.Add(done); });
            var expected = new byte[s.CellCount * 64];
            model.GenerateRgba32(latents, s.CellCount, expected);
            Assert.That(rgba, Is.EqualTo(expected));
            Assert.That(progress, Is.EqualTo(new[] { 4, 8, 12, 16, 20, 24, 25 }));
        }

        [Test]
        public void ANewRequestCancelsThePreviousOne()
        {
            using var model = GeneratorModel.Load(Model);
            using var renderer = new ExplorerRenderer(model, batchSize: 1);
            var gate = new ManualResetEventSlim();
            var latents = new float[2000 * 8];
            var first = renderer.RenderAsync(latents, 2000, (done, _) => { if (done == 1) gate.Wait(5000); });
            var second = renderer.RenderAsync(latents, 3);
            gate.Set();
            Assert.That(async () => await first, Throws.InstanceOf<OperationCanceledException>());
            Assert.That(second.Result.Length, Is.EqualTo(3 * 64));
        }

        [Test]
        public void ExportsAreReadable()
        {
            using var model = GeneratorModel.Load(Model);
            var latents = LatentSampler.Sample(1, 8).Concat(LatentSampler.Sample(2, 8)).Concat(LatentSampler.Sample(3, 8)).ToArray();
            var rgba = new byte[3 * 64];
            model.GenerateRgba32(latents, 3, rgba);
            var pngs = ExplorerExporter.WritePngs(rgba, 3, 4, 4, _dir, "pick");
            Assert.That(pngs.Select(Path.GetFileName), Is.EqualTo(new[] { "pick_000.png", "pick_001.png", "pick_002.png" }));
            var sheet = Path.Combine(_dir, "sheet.png");
            ExplorerExporter.WriteSheet(rgba, 3, 4, 4, 2, sheet);
            var (w, h, pixels) = Decode(sheet);
            Assert.That((w, h), Is.EqualTo((8, 8)));
            for (var y = 0; y < 4; y++)   // image 2 sits at column 0, row 1
                Assert.That(pixels.Skip(((4 + y) * 8) * 4).Take(16), Is.EqualTo(rgba.Skip(2 * 64 + y * 16).Take(16)));
            var single = Decode(pngs[1]);
            Assert.That(single.rgba, Is.EqualTo(rgba.Skip(64).Take(64)));

            var list = Path.Combine(_dir, "picks.txt");
            ExplorerExporter.WriteLatentList(new[] { new KeyValuePair<string, float[]>("a", LatentSampler.Sample(1, 8)), new KeyValuePair<string, float[]>("b c", LatentSampler.Sample(2, 8)) }, list);
            var back = ExplorerExporter.ReadLatentList(list, 8);
            Assert.That(back.Select(kv => kv.Key), Is.EqualTo(new[] { "a", "b c" }));
            Assert.That(back[1].Value, Is.EqualTo(LatentSampler.Sample(2, 8)));
            File.AppendAllText(list, "broken line\n");
            Assert.That(Assert.Throws<FormatException>(() => ExplorerExporter.ReadLatentList(list, 8)).Message, Does.Contain(":4:"));
        }

        static (int w, int h, byte[] rgba) Decode(string path) => IndependentPng.Decode(path);
    }
}
