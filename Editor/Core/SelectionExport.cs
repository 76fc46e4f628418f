using System;
using System.Collections.Generic;
using System.IO;

namespace Wasserforge.Explorer
{
    /// <summary>
    /// "Export" in the explorer (Unity window and browser studio alike): the selected cells (the whole grid
    /// when nothing is selected) as <c>sample_000.png</c>…, a sprite sheet <c>sheet.png</c>, a latent list
    /// <c>latents.txt</c>, and with two anchors the interpolation strip <c>interpolation.png</c>. Latents are
    /// written truncated, exactly as the images were generated.
    /// </summary>
    public static class SelectionExport
    {
        /// <summary>Cells exported: the selection in ascending order, or every cell when nothing is selected.</summary>
        public static int[] Cells(ExplorerState state)
        {
            if (state == null) throw new ArgumentNullException(nameof(state));
            var cells = new List<int>(state.Selection);
            if (cells.Count == 0) for (var k = 0; k < state.CellCount; k++) cells.Add(k);
            cells.Sort();
            return cells.ToArray();
        }

        /// <summary>
        /// Generates and writes the export into <paramref name="folder"/> (created if missing); returns the
        /// files written. Call it off the UI thread: it runs the model.
        /// </summary>
        /// <exception cref="ArgumentException">The model's latent size differs from the state's, or it does not generate images.</exception>
        /// <exception cref="IOException">A file cannot be written.</exception>
        public static List<string> Write(GeneratorModel model, ExplorerState state, string folder)
        {
            if (model == null) throw new ArgumentNullException(nameof(model));
            if (model.LatentDim != state.LatentDim) throw new ArgumentException($"the model takes latents of {model.LatentDim} values; the explorer state has {state.LatentDim}.");
            if (model.Width < 1 || model.Height < 1) throw new ArgumentException("the model does not generate images.");
            var dim = state.LatentDim;
            var cells = Cells(state);
            var grid = state.GridLatents();
            var latents = new float[cells.Length * dim];
            var named = new List<KeyValuePair<string, float[]>>();
            for (var i = 0; i < cells.Length; i++)
            {
                Array.Copy(grid, cells[i] * dim, latents, i * dim, dim);
                var z = new float[dim];
                Array.Copy(grid, cells[i] * dim, z, 0, dim);
                named.Add(new KeyValuePair<string, float[]>("cell" + cells[i], z));
            }
            Directory.CreateDirectory(folder);
            int w = model.Width, h = model.Height;
            var rgba = new byte[cells.Length * w * h * 4];
            model.GenerateRgba32(latents, cells.Length, rgba);
            var files = ExplorerExporter.WritePngs(rgba, cells.Length, w, h, folder, "sample");
            var columns = state.Selection.Count > 0 ? (int)Math.Ceiling(Math.Sqrt(cells.Length)) : state.Columns;
            var sheet = Path.Combine(folder, "sheet.png");
            ExplorerExporter.WriteSheet(rgba, cells.Length, w, h, columns, sheet);
            files.Add(sheet);
            var list = Path.Combine(folder, "latents.txt");
            ExplorerExporter.WriteLatentList(named, list);
            files.Add(list);
            if (state.Anchors.Count >= 2)
            {
                var path = state.PathLatents();
                var steps = path.Length / dim;
                var strip = new byte[steps * w * h * 4];
                model.GenerateRgba32(path, steps, strip);
                var stripPath = Path.Combine(folder, "interpolation.png");
                ExplorerExporter.WriteStrip(strip, steps, w, h, stripPath);
                files.Add(stripPath);
            }
            return files;
        }
    }
}
