using System;
using System.Linq;
using NUnit.Framework;
using Wasserforge.Explorer;
using Wasserforge.Latent;

namespace Wasserforge.Tests.Explorer
{
    public class ExplorerStateTests
    {
        static float[] Cell(ExplorerState s, int i) { var z = new float[s.LatentDim]; s.CellLatent(i, z); return z; }

        [Test]
        public void GridIsCentredAndRowMajor()
        {
            var s = new ExplorerState(8, seed: 42);
            s.SetGrid(5, 3);
            Assert.That(s.CellCount, Is.EqualTo(15));
            Assert.That(s.CentreCell, Is.EqualTo(7));                       // row 1, column 2
            Assert.That(Cell(s, 7), Is.EqualTo(LatentSampler.Sample(42, 8)));
            var grid = s.GridLatents();
            Assert.That(grid.Length, Is.EqualTo(15 * 8));
            Assert.That(grid.Skip(3 * 8).Take(8), Is.EqualTo(Cell(s, 3)));
            Assert.That(Cell(s, 0), Is.Not.EqualTo(Cell(s, 1)));
            s.Spread = 0;
            Assert.That(Cell(s, 0), Is.EqualTo(Cell(s, 7)));
            Assert.Throws<ArgumentOutOfRangeException>(() => s.CellLatent(15, new float[8]));
        }

        [Test]
        public void SpreadScalesTheDistanceFromTheCentre()
        {
            var s = new ExplorerState(64, 3);
            s.Spread = 0.5f;
            var centre = s.CentreLatent;
            double Dist(float[] a) => Math.Sqrt(a.Zip(centre, (x, y) => (x - y) * (double)(x - y)).Sum());
            var d1 = Dist(Cell(s, 0));
            s.Spread = 1f;
            Assert.That(Dist(Cell(s, 0)), Is.EqualTo(2 * d1).Within(1e-4));
        }

        [Test]
        public void TruncationAppliesToGeneratedLatents()
        {
            var s = new ExplorerState(8, 5) { Truncation = 0.5f };
            var grid = s.GridLatents();
            var centre = Cell(s, s.CentreCell);
            Assert.That(grid.Skip(s.CentreCell * 8).Take(8), Is.EqualTo(centre.Select(v => v * 0.5f)));
        }

        [Test]
        public void UndoAndRedoWalkTheCentreHistory()
        {
            var s = new ExplorerState(8, 1);
            var start = s.CentreLatent;
            s.RecentreOnCell(0);
            var afterCell = s.CentreLatent;
            Assert.That(s.CentreLabel, Is.EqualTo("cell 0 of seed:1"));
            s.RecentreOnSeed(9);
            Assert.That(s.CanUndo, Is.True);
            s.Undo();
            Assert.That(s.CentreLatent, Is.EqualTo(afterCell));
            s.Undo();
            Assert.That(s.CentreLatent, Is.EqualTo(start));
            Assert.That(s.CanUndo, Is.False);
            Assert.Throws<InvalidOperationException>(() => s.Undo());
            s.Redo();
            Assert.That(s.CentreLatent, Is.EqualTo(afterCell));
            s.RecentreOnSeed(4);                 // a new move clears the redo stack
            Assert.That(s.CanRedo, Is.False);
        }

        [Test]
        public void InterpolationEndpointsAreTheAnchors()
        {
            var s = new ExplorerState(16, 1) { PathSteps = 6 };
            Assert.Throws<InvalidOperationException>(() => s.PathLatents());
            s.AddAnchorFromCell(0);
            s.AddAnchorFromCell(5);
            foreach (var slerp in new[] { true, false })
            {
                s.UseSlerp = slerp;
                var path = s.PathLatents();
                Assert.That(path.Length, Is.EqualTo(6 * 16));
                Assert.That(path.Take(16), Is.EqualTo(Cell(s, 0)).Within(1e-5f));
                Assert.That(path.Skip(5 * 16), Is.EqualTo(Cell(s, 5)).Within(1e-5f));
                Assert.That(s.PathPoint(0f), Is.EqualTo(Cell(s, 0)).Within(1e-5f));
                Assert.That(s.PathPoint(1f), Is.EqualTo(Cell(s, 5)).Within(1e-5f));
            }
        }

        [Test]
        public void SlerpPathKeepsNorms()
        {
            var s = new ExplorerState(128, 1) { PathSteps = 9, UseSlerp = true };
            s.AddAnchor(LatentSampler.Sample(1, 128));
            s.AddAnchor(LatentSampler.Sample(2, 128));
            var n0 = LatentMath.Norm(s.Anchors[0]);
            var n1 = LatentMath.Norm(s.Anchors[1]);
            var path = s.PathLatents();
            for (var i = 0; i < 9; i++)
                Assert.That(LatentMath.Norm(path.AsSpan(i * 128, 128)), Is.EqualTo(n0 + (n1 - n0) * i / 8.0).Within(1e-3));
        }

        [Test]
        public void AtMostFourAnchorsAndBlendCornersAreThem()
        {
            var s = new ExplorerState(8, 1);
            for (ulong k = 1; k <= 5; k++) s.AddAnchor(LatentSampler.Sample(k, 8));
            Assert.That(s.Anchors.Count, Is.EqualTo(4));
            Assert.That(s.Anchors[0], Is.EqualTo(LatentSampler.Sample(2, 8)));   // the oldest was dropped
            var blend = s.BlendLatents(3, 3);
            Assert.That(blend.Take(8), Is.EqualTo(s.Anchors[0]));
            Assert.That(blend.Skip(8 * 8), Is.EqualTo(s.Anchors[3]).Within(1e-6f));
        }

        [Test]
        public void SelectionTogglesAndResetsOnRecentre()
        {
            var s = new ExplorerState(8, 1);
            s.ToggleSelection(2); s.ToggleSelection(4); s.ToggleSelection(2);
            Assert.That(s.Selection, Is.EquivalentTo(new[] { 4 }));
            s.RecentreOnCell(4);
            Assert.That(s.Selection, Is.Empty);
        }

        [Test]
        public void BookmarksRecentreExactly()
        {
            var s = new ExplorerState(8, 1);
            s.RecentreOnCell(3);
            var z = s.CentreLatent;
            s.BookmarkCentre("mossy");
            s.RecentreOnSeed(77);
            s.GoToBookmark("mossy");
            Assert.That(s.CentreLatent, Is.EqualTo(z));
            Assert.That(s.CentreLabel, Is.EqualTo("mossy"));
            Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => s.GoToBookmark("nope"));
            Assert.Throws<ArgumentException>(() => s.BookmarkCentre(" "));
        }
    }
}
