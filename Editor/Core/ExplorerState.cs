using System;
using System.Collections.Generic;
using Wasserforge.Latent;

namespace Wasserforge.Explorer
{
    /// <summary>
    /// The latent explorer's state, engine-free: a centre latent and a spread, the grid of variations
    /// around it, the selection, up to four anchors, interpolation and 2-D blend settings, truncation ψ,
    /// an undo/redo history of centres, and named bookmarks. Pure data and math: generation is done by
    /// <see cref="ExplorerRenderer"/>, persistence by <see cref="ExplorerSession"/>.
    /// </summary>
    public sealed class ExplorerState
    {
        /// <summary>Most anchors kept (the four corners of a 2-D blend).</summary>
        public const int MaxAnchors = 4;

        readonly List<float[]> _anchors = new List<float[]>();
        readonly HashSet<int> _selection = new HashSet<int>();
        readonly Stack<Centre> _undo = new Stack<Centre>();
        readonly Stack<Centre> _redo = new Stack<Centre>();
        readonly SortedDictionary<string, string> _bookmarks = new SortedDictionary<string, string>(StringComparer.Ordinal);

        struct Centre { public float[] Latent; public string Label; }

        /// <summary>Latent length of the model being explored.</summary>
        public int LatentDim { get; }
        /// <summary>The centre latent (a copy).</summary>
        public float[] CentreLatent => (float[])_centre.Clone();
        /// <summary>How the centre was reached ("seed:42", "cell 5 of seed:42", a bookmark name…).</summary>
        public string CentreLabel { get; private set; }
        /// <summary>Size of the variations around the centre (0: all cells equal the centre).</summary>
        public float Spread { get; set; } = 0.6f;
        /// <summary>Grid columns.</summary>
        public int Columns { get; private set; } = 5;
        /// <summary>Grid rows.</summary>
        public int Rows { get; private set; } = 5;
        /// <summary>Seed of the grid's variation directions (change it for other neighbours).</summary>
        public ulong VariationSeed { get; set; } = 1;
        /// <summary>Truncation ψ applied to every generated latent.</summary>
        public float Truncation { get; set; } = 1f;
        /// <summary>Interpolate spherically (true) or linearly.</summary>
        public bool UseSlerp { get; set; } = true;
        /// <summary>Frames of an interpolation path, both ends included.</summary>
        public int PathSteps { get; set; } = 8;

        float[] _centre;

        /// <summary>Starts at the latent of <paramref name="seed"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="latentDim"/> is below 1.</exception>
        public ExplorerState(int latentDim, ulong seed = 1)
        {
            if (latentDim < 1) throw new ArgumentOutOfRangeException(nameof(latentDim), "latent dimension must be at least 1.");
            LatentDim = latentDim;
            _centre = LatentSampler.Sample(seed, latentDim);
            CentreLabel = LatentText.FormatSeed(seed);
        }

        /// <summary>Sets the grid size.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A size is below 1 or above 16.</exception>
        public void SetGrid(int columns, int rows)
        {
            if (columns < 1 || rows < 1 || columns > 16 || rows > 16) throw new ArgumentOutOfRangeException(nameof(columns), $"grid {columns}x{rows} must be 1x1 to 16x16.");
            Columns = columns; Rows = rows;
            _selection.Clear();
        }

        /// <summary>Cells in the grid.</summary>
        public int CellCount => Columns * Rows;

        /// <summary>The middle cell, which always shows the centre itself.</summary>
        public int CentreCell => (Rows / 2) * Columns + Columns / 2;

        /// <summary>
        /// The latent of grid cell <paramref name="index"/> (row-major): the centre plus Spread × a seeded
        /// standard-normal direction; the middle cell is the centre. Truncation is not applied here.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">No such cell.</exception>
        public void CellLatent(int index, Span<float> destination)
        {
            if (index < 0 || index >= CellCount) throw new ArgumentOutOfRangeException(nameof(index), $"cell {index} is outside the {Columns}x{Rows} grid.");
            _centre.CopyTo(destination);
            if (index == CentreCell || Spread == 0) return;
            var noise = LatentSampler.Sample(unchecked(VariationSeed * 1000003UL + (ulong)index), LatentDim);
            for (var i = 0; i < LatentDim; i++) destination[i] += Spread * noise[i];
        }

        /// <summary>Every cell's latent with truncation applied, row-major: CellCount × LatentDim floats.</summary>
        public float[] GridLatents()
        {
            var all = new float[CellCount * LatentDim];
            for (var k = 0; k < CellCount; k++) CellLatent(k, all.AsSpan(k * LatentDim, LatentDim));
            LatentMath.Truncate(all, Truncation);
            return all;
        }

        /// <summary>Moves the centre to a seed (undoable).</summary>
        public void RecentreOnSeed(ulong seed) => Recentre(LatentSampler.Sample(seed, LatentDim), LatentText.FormatSeed(seed));

        /// <summary>Moves the centre to grid cell <paramref name="index"/> (undoable).</summary>
        public void RecentreOnCell(int index)
        {
            var z = new float[LatentDim];
            CellLatent(index, z);
            Recentre(z, $"cell {index} of {CentreLabel}");
        }

        /// <summary>Moves the centre to any latent (undoable).</summary>
        /// <exception cref="ArgumentException">Wrong length.</exception>
        public void Recentre(float[] latent, string label)
        {
            if (latent == null || latent.Length != LatentDim) throw new ArgumentException($"latent must have {LatentDim} values.", nameof(latent));
            _undo.Push(new Centre { Latent = _centre, Label = CentreLabel });
            _redo.Clear();
            _centre = (float[])latent.Clone();
            CentreLabel = label;
            _selection.Clear();
        }

        /// <summary>Forgets the undo/redo history (a freshly loaded session starts without one).</summary>
        public ExplorerState WithoutHistory()
        {
            _undo.Clear();
            _redo.Clear();
            return this;
        }

        /// <summary>True when there is a centre to go back to.</summary>
        public bool CanUndo => _undo.Count > 0;
        /// <summary>True when an undone centre can be restored.</summary>
        public bool CanRedo => _redo.Count > 0;

        /// <summary>Returns to the previous centre.</summary>
        /// <exception cref="InvalidOperationException">Nothing to undo.</exception>
        public void Undo()
        {
            if (!CanUndo) throw new InvalidOperationException("nothing to undo.");
            _redo.Push(new Centre { Latent = _centre, Label = CentreLabel });
            var c = _undo.Pop();
            _centre = c.Latent; CentreLabel = c.Label;
        }

        /// <summary>Restores the centre that was undone.</summary>
        /// <exception cref="InvalidOperationException">Nothing to redo.</exception>
        public void Redo()
        {
            if (!CanRedo) throw new InvalidOperationException("nothing to redo.");
            _undo.Push(new Centre { Latent = _centre, Label = CentreLabel });
            var c = _redo.Pop();
            _centre = c.Latent; CentreLabel = c.Label;
        }

        /// <summary>Selected cells.</summary>
        public IReadOnlyCollection<int> Selection => _selection;

        /// <summary>Selects or deselects a cell.</summary>
        public void ToggleSelection(int index)
        {
            if (index < 0 || index >= CellCount) throw new ArgumentOutOfRangeException(nameof(index));
            if (!_selection.Remove(index)) _selection.Add(index);
        }

        /// <summary>The anchors (copies).</summary>
        public IReadOnlyList<float[]> Anchors => _anchors;

        /// <summary>Adds the latent of a cell as an anchor; with four anchors already, the oldest is dropped.</summary>
        public void AddAnchorFromCell(int index)
        {
            var z = new float[LatentDim];
            CellLatent(index, z);
            AddAnchor(z);
        }

        /// <summary>Adds an anchor latent; with four anchors already, the oldest is dropped.</summary>
        public void AddAnchor(float[] latent)
        {
            if (latent == null || latent.Length != LatentDim) throw new ArgumentException($"anchor must have {LatentDim} values.", nameof(latent));
            if (_anchors.Count == MaxAnchors) _anchors.RemoveAt(0);
            _anchors.Add((float[])latent.Clone());
        }

        /// <summary>Removes every anchor.</summary>
        public void ClearAnchors() => _anchors.Clear();

        /// <summary>The interpolation path from the first to the second anchor: PathSteps latents (truncated).</summary>
        /// <exception cref="InvalidOperationException">Fewer than two anchors.</exception>
        public float[] PathLatents()
        {
            if (_anchors.Count < 2) throw new InvalidOperationException("interpolation needs two anchors: shift-click two samples.");
            var k = Math.Max(2, PathSteps);
            var all = new float[k * LatentDim];
            for (var i = 0; i < k; i++)
            {
                var t = (float)i / (k - 1);
                var dst = all.AsSpan(i * LatentDim, LatentDim);
                if (UseSlerp) LatentMath.Slerp(_anchors[0], _anchors[1], t, dst); else LatentMath.Lerp(_anchors[0], _anchors[1], t, dst);
            }
            LatentMath.Truncate(all, Truncation);
            return all;
        }

        /// <summary>The path point at t ∈ [0, 1] (the slider), truncated.</summary>
        public float[] PathPoint(float t)
        {
            if (_anchors.Count < 2) throw new InvalidOperationException("interpolation needs two anchors: shift-click two samples.");
            var z = new float[LatentDim];
            t = Math.Max(0f, Math.Min(1f, t));
            if (UseSlerp) LatentMath.Slerp(_anchors[0], _anchors[1], t, z); else LatentMath.Lerp(_anchors[0], _anchors[1], t, z);
            LatentMath.Truncate(z, Truncation);
            return z;
        }

        /// <summary>A cols × rows bilinear blend between the four anchors (top-left, top-right, bottom-left, bottom-right), truncated.</summary>
        /// <exception cref="InvalidOperationException">Fewer than four anchors.</exception>
        public float[] BlendLatents(int columns, int rows)
        {
            if (_anchors.Count < MaxAnchors) throw new InvalidOperationException("a 2-D blend needs four anchors.");
            var all = new float[columns * rows * LatentDim];
            LatentMath.BilinearGrid(_anchors[0], _anchors[1], _anchors[2], _anchors[3], columns, rows, all);
            LatentMath.Truncate(all, Truncation);
            return all;
        }

        /// <summary>Bookmarks: name → latent text (<see cref="LatentText"/>).</summary>
        public IReadOnlyDictionary<string, string> Bookmarks => _bookmarks;

        /// <summary>Bookmarks the centre under <paramref name="name"/> (replacing a bookmark of that name).</summary>
        /// <exception cref="ArgumentException">The name is empty.</exception>
        public void BookmarkCentre(string name)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("bookmark name is empty.", nameof(name));
            _bookmarks[name.Trim()] = LatentText.Format(_centre);
        }

        /// <summary>Adds a bookmark from latent text (as loaded from a session).</summary>
        /// <exception cref="FormatException">The text is not a latent of this model.</exception>
        public void AddBookmark(string name, string latentText)
        {
            LatentText.Parse(latentText, LatentDim);
            _bookmarks[name] = latentText;
        }

        /// <summary>Removes a bookmark; returns false when there was none.</summary>
        public bool RemoveBookmark(string name) => _bookmarks.Remove(name);

        /// <summary>Recentres on a bookmark (undoable).</summary>
        /// <exception cref="KeyNotFoundException">No such bookmark.</exception>
        public void GoToBookmark(string name)
        {
            if (!_bookmarks.TryGetValue(name, out var text)) throw new KeyNotFoundException($"no bookmark named '{name}'.");
            Recentre(LatentText.Parse(text, LatentDim), name);
        }
    }
}
