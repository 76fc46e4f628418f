using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Wasserforge.Explorer;

namespace Wasserforge.Studio.Explorer
{
    /// <summary>
    /// The explorer behind the browser page: one model, its <see cref="ExplorerState"/> and an
    /// <see cref="ExplorerRenderer"/>. Every change that moves the grid bumps <see cref="Version"/> and
    /// starts rendering the new grid off the request thread (cancelling the previous render); image
    /// requests carry the version they want, so a stale request never shows a newer grid by mistake.
    /// A model that cannot be loaded leaves the host in an error state with the loader's message.
    /// Loading happens outside the lock (other requests keep being answered), and a replaced or closed
    /// model is disposed only after the renders using it have finished (<see cref="SharedModel"/>).
    /// </summary>
    public sealed partial class ExplorerHost : IDisposable
    {
        readonly object _lock = new object();
        readonly int _columns, _rows;
        GeneratorModel _model;
        SharedModel _shared;
        ExplorerRenderer _renderer;
        bool _disposed;
        ExplorerState _state;
        GridRender _grid;
        LatentWalkDriver _walk;

        /// <summary>Creates a host with no model; call <see cref="Open"/>.</summary>
        public ExplorerHost(int columns = 5, int rows = 5)
        {
            _columns = columns;
            _rows = rows;
            Error = "No model is open. Start with: wasserforge studio MODEL.onnx";
        }

        /// <summary>The open model's path, or null.</summary>
        public string ModelPath { get; private set; }
        /// <summary>Why no model is open (load failure in the loader's words), or null when one is.</summary>
        public string Error { get; private set; }
        /// <summary>A non-fatal note (e.g. a session file that could not be read), or null.</summary>
        public string Notice { get; private set; }
        /// <summary>Grid version: bumps on every change that moves the grid.</summary>
        public int Version { get; private set; }
        /// <summary>Anchor version: bumps when anchors or path settings change.</summary>
        public int AnchorVersion { get; private set; }
        /// <summary>Milliseconds the current grid took to generate (0 while it renders), for benchmarks.</summary>
        public double LastRenderMs { get { lock (_lock) return _grid?.RenderMs ?? 0; } }
        /// <summary>The open model and its renders' leases, or null (for tests).</summary>
        internal SharedModel Current { get { lock (_lock) return _shared; } }

        /// <summary>
        /// Opens <paramref name="path"/> (replacing any open model) and restores its session
        /// (<c>&lt;model&gt;.explorer.json</c>) when there is one. Never throws for a bad model: the
        /// reason goes to <see cref="Error"/>. Returns true when the model loaded.
        /// </summary>
        public bool Open(string path)
        {
            var full = Path.GetFullPath(path);
            GeneratorModel loaded = null;
            string error = null;
            try
            {
                loaded = GeneratorModel.Load(full);
                if (loaded.Width < 1 || loaded.Height < 1 || loaded.Channels < 1)
                    throw new ModelLoadException(full, ModelLoadError.WrongOutput, "it does not generate images (no width, height or channels), so there is nothing to explore.");
            }
            catch (WasserforgeException e)
            {
                loaded?.Dispose();
                loaded = null;
                error = e.Message;
            }
            lock (_lock)
            {
                if (_disposed)
                {
                    loaded?.Dispose();
                    return false;
                }
                CloseModel();
                ModelPath = full;
                Notice = null;
                if (loaded == null)
                {
                    Error = error;
                    return false;
                }
                _model = loaded;
                _shared = new SharedModel(loaded);
                _renderer = new ExplorerRenderer(loaded);
                _state = RestoreSession(ModelPath, loaded.LatentDim);
                Error = null;
                GridChanged();
                AnchorVersion++;
                return true;
            }
        }

        ExplorerState RestoreSession(string modelPath, int latentDim)
        {
            var sessionPath = ExplorerSession.PathFor(modelPath);
            if (File.Exists(sessionPath))
            {
                try { return ExplorerSession.Load(sessionPath, latentDim); }
                catch (FormatException e) { Notice = "Session not restored: " + e.Message; }
            }
            var s = new ExplorerState(latentDim);
            s.SetGrid(_columns, _rows);
            return s;
        }

        /// <summary>Runs <paramref name="change"/> on the state under the lock; true bumps the grid.</summary>
        /// <exception cref="InvalidOperationException">No model is open.</exception>
        internal void Change(Action<ExplorerState> change, bool movesGrid = true, bool movesAnchors = false)
        {
            lock (_lock)
            {
                if (_state == null) throw new InvalidOperationException(Error);
                change(_state);
                if (movesGrid) GridChanged();
                if (movesAnchors) AnchorVersion++;
            }
        }

        /// <summary>Reads the state under the lock.</summary>
        /// <exception cref="InvalidOperationException">No model is open.</exception>
        internal T Read<T>(Func<ExplorerState, T> read)
        {
            lock (_lock)
            {
                if (_state == null) throw new InvalidOperationException(Error);
                return read(_state);
            }
        }

        void GridChanged()
        {
            Version++;
            var latents = _state.GridLatents();
            _shared.TryAcquire();   // always succeeds: the model is only closed under this lock
            var pixels = _shared.ReleaseWhenDone(_renderer.RenderAsync(latents, _state.CellCount));
            _grid = new GridRender(Version, _state.CellCount, _model.Width, _model.Height, pixels);
            // A superseded render ends cancelled; observe it so it is not reported as unobserved.
            _grid.Pixels.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        }

        /// <summary>
        /// The PNG of grid cell <paramref name="cell"/> of grid <paramref name="version"/>, once rendered;
        /// null when that version is no longer current (the user moved on).
        /// </summary>
        public async Task<byte[]> CellPngAsync(int version, int cell, CancellationToken ct)
        {
            GridRender grid;
            lock (_lock) grid = _grid;
            if (grid == null || grid.Version != version || cell < 0 || cell >= grid.Count) return null;
            try { return await grid.CellPngAsync(cell).WaitAsync(ct).ConfigureAwait(false); }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { return null; }
            catch (ObjectDisposedException) { return null; }
        }

        /// <summary>
        /// The whole grid <paramref name="version"/> as RGBA (cells row-major, rows top-down) once rendered;
        /// null when that version is no longer current.
        /// </summary>
        public async Task<byte[]> GridRgbaAsync(int version, CancellationToken ct)
        {
            GridRender grid;
            lock (_lock) grid = _grid;
            if (grid == null || grid.Version != version) return null;
            try { return await grid.Pixels.WaitAsync(ct).ConfigureAwait(false); }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { return null; }
            catch (ObjectDisposedException) { return null; }
        }

        /// <summary>Starts (or restarts) a seeded random walk from the centre.</summary>
        public void StartWalk(ulong seed) => Change(s => _walk = new LatentWalkDriver(s, seed) { Rate = double.MaxValue }, movesGrid: false);

        /// <summary>Moves the centre one walk step (starting a walk when none runs).</summary>
        public void StepWalk() => Change(s =>
        {
            if (_walk == null) _walk = new LatentWalkDriver(s) { Rate = double.MaxValue };
            _walk.Advance();
        });

        /// <summary>Saves the session, cancels rendering and closes the model; the returned task ends once its session is freed.</summary>
        Task CloseModel()
        {
            // Like the Unity window: the session (centre, anchors, bookmarks) is kept next to the model.
            if (_state != null)
            {
                try { ExplorerSession.Save(_state, ExplorerSession.PathFor(ModelPath)); }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { }
            }
            _renderer?.Dispose();
            var closed = _shared?.Close() ?? Task.CompletedTask;
            _grid = null;
            _walk = null;
            _state = null;
            _shared = null;
            _model = null;
            _renderer = null;
            return closed;
        }

        /// <summary>
        /// Saves the session next to the model, cancels rendering and frees the model once the renders
        /// still running have finished (it waits for them: at most the batch each is generating).
        /// </summary>
        public void Dispose()
        {
            Task closed;
            lock (_lock)
            {
                _disposed = true;
                closed = CloseModel();
            }
            closed.GetAwaiter().GetResult();
        }
    }
}
