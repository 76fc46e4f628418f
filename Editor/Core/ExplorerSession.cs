using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Wasserforge.Latent;

namespace Wasserforge.Explorer
{
    /// <summary>
    /// Saves and loads an explorer session (centre, settings, anchors, bookmarks) as JSON next to the
    /// model: <c>&lt;model&gt;.explorer.json</c>. Latents are stored in the exact <see cref="LatentText"/> form.
    /// </summary>
    public static class ExplorerSession
    {
        /// <summary>Session format version.</summary>
        public const int Format = 1;

        /// <summary>The session file of a model: <c>Floors.onnx</c> → <c>Floors.onnx.explorer.json</c>.</summary>
        public static string PathFor(string modelPath) => modelPath + ".explorer.json";

        /// <summary>Writes <paramref name="state"/> atomically (temp file, then rename).</summary>
        public static void Save(ExplorerState state, string path)
        {
            var anchors = new List<object>();
            foreach (var a in state.Anchors) anchors.Add(LatentText.Format(a));
            var bookmarks = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var kv in state.Bookmarks) bookmarks[kv.Key] = kv.Value;
            var doc = new Dictionary<string, object>
            {
                ["format"] = Format,
                ["latent_dim"] = state.LatentDim,
                ["centre"] = LatentText.Format(state.CentreLatent),
                ["centre_label"] = state.CentreLabel,
                ["spread"] = state.Spread,
                ["truncation"] = state.Truncation,
                ["variation_seed"] = state.VariationSeed.ToString(CultureInfo.InvariantCulture),
                ["columns"] = state.Columns,
                ["rows"] = state.Rows,
                ["slerp"] = state.UseSlerp,
                ["path_steps"] = state.PathSteps,
                ["anchors"] = anchors,
                ["bookmarks"] = bookmarks,
            };
            Pixels.AtomicFile.Write(path, System.Text.Encoding.UTF8.GetBytes(MiniJson.Write(doc)));
        }

        /// <summary>Reads a session for a model with <paramref name="latentDim"/>.</summary>
        /// <exception cref="FileNotFoundException">No session file.</exception>
        /// <exception cref="FormatException">The file is not a valid session for this model; the message names the file and the problem.</exception>
        public static ExplorerState Load(string path, int latentDim)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no explorer session.", path);
            try
            {
                var doc = MiniJson.Read(File.ReadAllText(path)) as Dictionary<string, object> ?? throw new FormatException("the top level is not an object.");
                var format = (int)(double)doc["format"];
                if (format > Format) throw new FormatException($"session format {format} is newer than this Wasserforge reads ({Format}).");
                var dim = (int)(double)doc["latent_dim"];
                if (dim != latentDim) throw new FormatException($"the session is for a latent of {dim} values; this model has {latentDim}.");
                var s = new ExplorerState(latentDim)
                {
                    Spread = (float)(double)doc["spread"],
                    Truncation = (float)(double)doc["truncation"],
                    VariationSeed = ulong.Parse((string)doc["variation_seed"], CultureInfo.InvariantCulture),
                    UseSlerp = (bool)doc["slerp"],
                    PathSteps = (int)(double)doc["path_steps"],
                };
                s.SetGrid((int)(double)doc["columns"], (int)(double)doc["rows"]);
                s.Recentre(LatentText.Parse((string)doc["centre"], latentDim), (string)doc["centre_label"]);
                foreach (var a in (List<object>)doc["anchors"]) s.AddAnchor(LatentText.Parse((string)a, latentDim));
                foreach (var kv in (Dictionary<string, object>)doc["bookmarks"]) s.AddBookmark(kv.Key, (string)kv.Value);
                return s.WithoutHistory();
            }
            catch (Exception e) when (e is KeyNotFoundException || e is InvalidCastException || e is FormatException || e is NullReferenceException)
            {
                throw new FormatException($"{path}: not a valid explorer session ({e.Message})", e);
            }
        }
    }
}
