using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Wasserforge.Explorer;
using Wasserforge.Pixels;

namespace Wasserforge.Studio.Explorer
{
    public sealed partial class ExplorerHost
    {
        /// <summary>The state as the page shows it (an error snapshot when no model is open).</summary>
        public ExplorerSnapshot Snapshot()
        {
            lock (_lock)
            {
                if (_state == null)
                    return new ExplorerSnapshot(Error, Notice, ModelPath == null ? null : Path.GetFileName(ModelPath), 0, 0, 0, 0, Version, AnchorVersion,
                        0, 0, 0, null, 0, 1, true, 0, 0, false, false, Array.Empty<int>(), Array.Empty<string>());
                var s = _state;
                return new ExplorerSnapshot(null, Notice, Path.GetFileName(ModelPath), _model.Width, _model.Height, _model.Channels, _model.LatentDim,
                    Version, AnchorVersion, s.Columns, s.Rows, s.CentreCell, s.CentreLabel, s.Spread, s.Truncation, s.UseSlerp, s.PathSteps,
                    s.Anchors.Count, s.CanUndo, s.CanRedo, s.Selection.OrderBy(i => i).ToArray(), s.Bookmarks.Keys.ToArray());
            }
        }

        /// <summary>Saves the session next to the model (<c>&lt;model&gt;.explorer.json</c>); returns its path.</summary>
        public string SaveSession()
        {
            var path = ExplorerSession.PathFor(ModelPath);
            Change(s => ExplorerSession.Save(s, path), movesGrid: false);
            return path;
        }

        /// <summary>Bookmarks the centre and saves the session.</summary>
        /// <exception cref="ArgumentException">The name is empty.</exception>
        public void Bookmark(string name)
        {
            Change(s => s.BookmarkCentre(name), movesGrid: false);
            SaveSession();
        }

        /// <summary>The PNG of the interpolation path at t.</summary>
        /// <exception cref="InvalidOperationException">No model, or not enough anchors.</exception>
        public Task<byte[]> PathPngAsync(float t) => RenderOneAsync(s => s.PathPoint(t));

        /// <summary>The PNG of anchor <paramref name="index"/> (truncated like the grid).</summary>
        /// <exception cref="ArgumentOutOfRangeException">No such anchor.</exception>
        public Task<byte[]> AnchorPngAsync(int index) => RenderOneAsync(s =>
        {
            if (index < 0 || index >= s.Anchors.Count) throw new ArgumentOutOfRangeException(nameof(index), $"there is no anchor {index}.");
            var z = (float[])s.Anchors[index].Clone();
            Latent.LatentMath.Truncate(z, s.Truncation);
            return z;
        });

        /// <summary>The K frames of the interpolation path as RGBA (frames in order, rows top-down).</summary>
        /// <exception cref="InvalidOperationException">No model, or fewer than two anchors.</exception>
        public Task<byte[]> PathStripRgbaAsync() => RenderManyAsync(s => s.PathLatents());

        /// <summary>An n × n bilinear blend of the four anchors as RGBA (row-major, rows top-down).</summary>
        /// <exception cref="InvalidOperationException">No model, or fewer than four anchors.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is not 2 to 16.</exception>
        public Task<byte[]> BlendRgbaAsync(int n)
        {
            if (n < 2 || n > 16) throw new ArgumentOutOfRangeException(nameof(n), $"blend size {n} must be 2 to 16.");
            return RenderManyAsync(s => s.BlendLatents(n, n));
        }

        Task<byte[]> RenderManyAsync(Func<ExplorerState, float[]> latentsOf) => RenderAsync(latentsOf, (model, latents) =>
        {
            var count = latents.Length / model.LatentDim;
            var rgba = new byte[count * model.Width * model.Height * 4];
            model.GenerateRgba32(latents, count, rgba);
            return rgba;
        });

        Task<byte[]> RenderOneAsync(Func<ExplorerState, float[]> latentOf) => RenderAsync(latentOf, (model, latent) =>
        {
            var rgba = new byte[model.Width * model.Height * 4];
            model.GenerateRgba32(latent, 1, rgba);
            return PngEncoder.Encode(rgba, model.Width, model.Height, 4);
        });

        /// <summary>
        /// Reads latents from the state and renders them off the request thread with the model open now,
        /// under a lease taken with the lock held: opening another model meanwhile cannot free this one.
        /// </summary>
        internal Task<T> RenderAsync<T>(Func<ExplorerState, float[]> latentsOf, Func<GeneratorModel, float[], T> render)
        {
            lock (_lock)
            {
                if (_state == null) throw new InvalidOperationException(Error);
                var latents = latentsOf(_state);
                return _shared.RunAsync(model => render(model, latents));
            }
        }

        /// <summary>
        /// Exports the selection (the whole grid when nothing is selected) with <see cref="SelectionExport"/>
        /// into a new folder <c>&lt;model&gt;.exports/&lt;time&gt;</c> beside the model.
        /// </summary>
        /// <exception cref="InvalidOperationException">No model is open.</exception>
        public ExportResult Export()
        {
            ExplorerState copy;
            SharedModel shared;
            string modelPath;
            lock (_lock)
            {
                if (_state == null) throw new InvalidOperationException(Error);
                copy = Snapshot(_state);
                shared = _shared;
                modelPath = ModelPath;
                shared.TryAcquire();   // always succeeds under the lock
            }
            try
            {
                var folder = NewExportFolder(modelPath);
                return new ExportResult(folder, SelectionExport.Write(shared.Model, copy, folder));
            }
            finally { shared.Release(); }
        }

        // A private copy of what an export needs, so generating does not hold the lock.
        static ExplorerState Snapshot(ExplorerState s)
        {
            var c = new ExplorerState(s.LatentDim) { Spread = s.Spread, Truncation = s.Truncation, VariationSeed = s.VariationSeed, UseSlerp = s.UseSlerp, PathSteps = s.PathSteps };
            c.SetGrid(s.Columns, s.Rows);
            c.Recentre(s.CentreLatent, s.CentreLabel);
            foreach (var a in s.Anchors) c.AddAnchor(a);
            foreach (var k in s.Selection) c.ToggleSelection(k);
            return c;
        }

        static string NewExportFolder(string modelPath)
        {
            var root = modelPath + ".exports";
            var stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss");
            var folder = Path.Combine(root, stamp);
            for (var i = 2; Directory.Exists(folder); i++) folder = Path.Combine(root, $"{stamp}-{i}");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }
}
