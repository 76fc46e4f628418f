using System;
using System.Collections.Generic;
using System.IO;
using UnityEditor;
using UnityEditor.Callbacks;
using UnityEngine;
using Wasserforge.Explorer;
using Wasserforge.Unity;

namespace Wasserforge.Editor
{
    /// <summary>
    /// Window › Wasserforge › Latent Explorer: a thin IMGUI shell over <see cref="ExplorerState"/>,
    /// <see cref="ExplorerRenderer"/>, <see cref="ExplorerSession"/> and <see cref="SelectionExport"/>.
    /// Click a sample to recentre, shift-click to add an anchor, drag the slider to interpolate.
    /// Renders run on worker threads under a <see cref="SharedModel"/> lease: picking another generator,
    /// closing the window or a domain reload closes the model, and its native session is freed when the last
    /// render using it has finished, never under it. A render that ends after its model was replaced is dropped.
    /// </summary>
    public sealed class LatentExplorerWindow : EditorWindow
    {
        [SerializeField] GeneratorAsset _asset;   // survives domain reloads; the model is loaded again in OnEnable
        SharedModel _shared;
        GeneratorModel _model;   // _shared.Model, for sizes; generation goes through a lease
        ExplorerRenderer _renderer;
        ExplorerState _state;
        readonly List<Texture2D> _cells = new List<Texture2D>();
        Texture2D _pathFrame;
        float _t = 0.5f;
        long _seed = 1;
        string _bookmarkName = "";
        bool _walking;
        LatentWalkDriver _walk;

        [MenuItem("Window/Wasserforge/Latent Explorer")]
        static void Open() => GetWindow<LatentExplorerWindow>("Latent Explorer");

        /// <summary>Opens the explorer on a generator asset (double-click it in the Project window).</summary>
        [OnOpenAsset]
        static bool OnOpen(int instanceId, int line)
        {
            var asset = EditorUtility.InstanceIDToObject(instanceId) as GeneratorAsset;
            if (asset == null) return false;
            GetWindow<LatentExplorerWindow>("Latent Explorer").Load(asset);
            return true;
        }

        void Load(GeneratorAsset asset)
        {
            Release();
            _asset = asset;
            if (asset == null || !asset.IsValid) return;
            _shared = new SharedModel(asset.Load());
            _model = _shared.Model;
            _renderer = new ExplorerRenderer(_model);
            var session = ExplorerSession.PathFor(AssetPath(asset));
            _state = File.Exists(session) ? ExplorerSession.Load(session, _model.LatentDim) : new ExplorerState(_model.LatentDim, (ulong)_seed);
            Refresh();
        }

        static string AssetPath(GeneratorAsset asset) => Path.Combine(Application.dataPath, "..", AssetDatabase.GetAssetPath(asset));

        async void Refresh()
        {
            if (_state == null || !_shared.TryAcquire()) return;
            var shared = _shared;
            var count = _state.CellCount;
            byte[] rgba;
            try { rgba = await shared.ReleaseWhenDone(_renderer.RenderAsync(_state.GridLatents(), count, null, default, bottomUp: true)); }
            catch (OperationCanceledException) { return; }
            if (shared != _shared) return;   // another model (or none) since
            Upload(rgba, count, _cells);
            if (_state.Anchors.Count >= 2) UpdatePathFrame();
            Repaint();
        }

        async void UpdatePathFrame()
        {
            var shared = _shared;
            var latent = _state.PathPoint(_t);
            var size = _renderer.BytesPerImage;
            byte[] rgba;
            try { rgba = await shared.RunAsync(m => { var b = new byte[size]; m.GenerateRgba32(latent, 1, b, bottomUp: true); return b; }); }
            catch (InvalidOperationException) { return; }   // closed before it could start
            if (shared != _shared) return;
            var list = new List<Texture2D> { _pathFrame };
            Upload(rgba, 1, list);
            _pathFrame = list[0];
            Repaint();
        }

        void Upload(byte[] rgba, int count, List<Texture2D> textures)
        {
            var size = _renderer.BytesPerImage;
            for (var i = 0; i < count; i++)
            {
                if (i >= textures.Count) textures.Add(null);
                if (textures[i] == null) textures[i] = WasserforgeTextures.Create(_model, _asset.Tileable);
                var one = new byte[size];
                Buffer.BlockCopy(rgba, i * size, one, 0, size);
                textures[i].LoadRawTextureData(one);
                textures[i].Apply(false, false);
            }
        }

        void OnGUI()
        {
            var picked = EditorGUILayout.ObjectField("Generator", _asset, typeof(GeneratorAsset), false) as GeneratorAsset;
            if (picked != _asset) Load(picked);
            if (_asset != null && !_asset.IsValid) foreach (var e in _asset.Errors) EditorGUILayout.HelpBox(e, MessageType.Error);
            if (_state == null) return;

            GUILayout.BeginHorizontal();
            _seed = EditorGUILayout.LongField("Seed", _seed);
            if (GUILayout.Button("Go")) { _state.RecentreOnSeed((ulong)_seed); Refresh(); }
            if (GUILayout.Button("Undo") && _state.CanUndo) { _state.Undo(); Refresh(); }
            if (GUILayout.Button("Redo") && _state.CanRedo) { _state.Redo(); Refresh(); }
            GUILayout.EndHorizontal();
            var spread = EditorGUILayout.Slider("Spread", _state.Spread, 0f, 2f);
            var psi = EditorGUILayout.Slider("Truncation ψ", _state.Truncation, 0f, 1.5f);
            if (spread != _state.Spread || psi != _state.Truncation) { _state.Spread = spread; _state.Truncation = psi; Refresh(); }
            GUILayout.Label("Centre: " + _state.CentreLabel + "   (click: recentre, shift-click: anchor, ctrl-click: select)");

            for (var r = 0; r < _state.Rows; r++)
            {
                GUILayout.BeginHorizontal();
                for (var c = 0; c < _state.Columns; c++)
                {
                    var i = r * _state.Columns + c;
                    if (i < _cells.Count && GUILayout.Button(_cells[i], GUILayout.Width(72), GUILayout.Height(72)))
                    {
                        if (Event.current.shift) { _state.AddAnchorFromCell(i); UpdatePathFrame(); }
                        else if (Event.current.control || Event.current.command) _state.ToggleSelection(i);
                        else { _state.RecentreOnCell(i); Refresh(); }
                    }
                }
                GUILayout.EndHorizontal();
            }

            if (_state.Anchors.Count >= 2)
            {
                var t = EditorGUILayout.Slider("Interpolation", _t, 0f, 1f);
                if (t != _t) { _t = t; UpdatePathFrame(); }
                if (_pathFrame != null) GUILayout.Label(_pathFrame, GUILayout.Width(128), GUILayout.Height(128));
            }

            GUILayout.BeginHorizontal();
            if (GUILayout.Button(_walking ? "Pause walk" : "Play walk")) ToggleWalk();
            _bookmarkName = EditorGUILayout.TextField("Bookmark", _bookmarkName);
            if (GUILayout.Button("Save") && _bookmarkName.Trim().Length > 0) { _state.BookmarkCentre(_bookmarkName); SaveSession(); }
            GUILayout.EndHorizontal();
            foreach (var name in new List<string>(_state.Bookmarks.Keys))
                if (GUILayout.Button("Go to " + name)) { _state.GoToBookmark(name); Refresh(); }
            GUILayout.Label($"Selected: {_state.Selection.Count} (none = the whole grid)");
            if (GUILayout.Button("Export into Assets/Wasserforge Exports (PNGs, sheet, latents, interpolation strip)")) ExportSelection();
        }

        void ToggleWalk()
        {
            _walking = !_walking;
            if (_walking) { _walk = new LatentWalkDriver(_state); EditorApplication.update += Step; }
            else EditorApplication.update -= Step;
        }

        void Step()
        {
            if (_walk.Advance()) Refresh();
        }

        void SaveSession() => ExplorerSession.Save(_state, ExplorerSession.PathFor(AssetPath(_asset)));

        // The core writes the files (SelectionExport); Unity imports them as assets.
        async void ExportSelection()
        {
            var folder = Path.Combine(Application.dataPath, "Wasserforge Exports", _asset.name + " " + DateTime.Now.ToString("yyyyMMdd-HHmmss"));
            var state = _state;
            try { await _shared.RunAsync(m => { SelectionExport.Write(m, state, folder); return true; }); }
            catch (InvalidOperationException) { return; }   // closed before it could start
            AssetDatabase.Refresh();
        }

        void Release()
        {
            if (_walking) ToggleWalk();
            _renderer?.Dispose();   // cancels the grid render
            _shared?.Close();       // frees the session now, or when the last running render ends
            foreach (var t in _cells) if (t != null) DestroyImmediate(t);
            _cells.Clear();
            if (_pathFrame != null) DestroyImmediate(_pathFrame);
            _renderer = null; _shared = null; _model = null; _state = null;
        }

        // OnDisable runs when the window closes and before every domain reload: the model's native
        // session is released then (or when a render still running on a worker ends), never left to a finalizer.
        void OnEnable()
        {
            if (_asset != null && _model == null) Load(_asset);
        }

        void OnDisable()
        {
            if (_state != null && _asset != null) SaveSession();
            Release();
        }
    }
}
