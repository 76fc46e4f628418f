using System.IO;
using System.Linq;
using NUnit.Framework;
using Wasserforge.Explorer;

namespace Wasserforge.Tests.Explorer
{
    public class SelectionExportTests
    {
        string _dir;
        [SetUp] public void Dir() => _dir = TestPaths.NewTempDir();
        [TearDown] public void Clean() => Directory.Delete(_dir, true);

        static string Model => TestPaths.Fixture("generator_v1_rgb_4x4.onnx");

        [Test]
        public void SelectionIsExportedAsPngsSheetLatentsAndStrip()
        {
            using var model = GeneratorModel.Load(Model);
            var state = new ExplorerState(8) { Truncation = 0.7f, PathSteps = 5 };
            state.ToggleSelection(17);
            state.ToggleSelection(4);
            state.AddAnchorFromCell(0);
            state.AddAnchorFromCell(24);
            var files = SelectionExport.Write(model, state, _dir);
            Assert.That(files.Select(Path.GetFileName), Is.EqualTo(new[] { "sample_000.png", "sample_001.png", "sheet.png", "latents.txt", "interpolation.png" }));

            var grid = state.GridLatents();
            var expected = new byte[25 * 64];
            model.GenerateRgba32(grid, 25, expected);
            Assert.That(IndependentPng.Decode(files[0]).rgba, Is.EqualTo(expected.Skip(4 * 64).Take(64)), "cells in ascending order");
            Assert.That(IndependentPng.Decode(files[1]).rgba, Is.EqualTo(expected.Skip(17 * 64).Take(64)));
            var (sw, sh, _) = IndependentPng.Decode(files[2]);
            Assert.That((sw, sh), Is.EqualTo((8, 4)));
            var list = ExplorerExporter.ReadLatentList(files[3], 8);
            Assert.That(list.Select(kv => kv.Key), Is.EqualTo(new[] { "cell4", "cell17" }));
            Assert.That(list[1].Value, Is.EqualTo(grid.Skip(17 * 8).Take(8)), "the truncated latent that made the image");
            var (iw, ih, strip) = IndependentPng.Decode(files[4]);
            Assert.That((iw, ih), Is.EqualTo((20, 4)));
            var first = new byte[64];
            model.GenerateRgba32(state.PathLatents().Take(8).ToArray(), 1, first);
            for (var y = 0; y < 4; y++)
                Assert.That(strip.Skip(y * 20 * 4).Take(16), Is.EqualTo(first.Skip(y * 16).Take(16)), $"strip row {y} starts with the first anchor");
        }

        [Test]
        public void NothingSelectedExportsTheWholeGridWithoutAStrip()
        {
            using var model = GeneratorModel.Load(Model);
            var state = new ExplorerState(8);
            state.SetGrid(3, 2);
            var files = SelectionExport.Write(model, state, _dir);
            Assert.That(files.Count(f => f.EndsWith(".png") && Path.GetFileName(f).StartsWith("sample_")), Is.EqualTo(6));
            Assert.That(files.Any(f => f.EndsWith("interpolation.png")), Is.False);
            var (sw, sh, _) = IndependentPng.Decode(files.Single(f => f.EndsWith("sheet.png")));
            Assert.That((sw, sh), Is.EqualTo((12, 8)), "the grid's own layout");
        }

        [Test]
        public void AModelOfAnotherLatentSizeIsRefused()
        {
            using var model = GeneratorModel.Load(Model);
            Assert.That(() => SelectionExport.Write(model, new ExplorerState(16), _dir),
                Throws.ArgumentException.With.Message.Contain("8").And.Message.Contain("16"));
        }
    }
}
