using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using static TorchSharp.torch;

namespace Wasserforge.Training.Checkpoints
{
    /// <summary>What a checkpoint restores besides tensors.</summary>
    public sealed class CheckpointState
    {
        /// <summary>Training step the checkpoint was taken at.</summary>
        public long Step { get; set; }
        /// <summary>The checkpoint's format version (<see cref="Checkpoint.FormatVersion"/> when written by this trainer).</summary>
        public int Format { get; set; } = Checkpoint.FormatVersion;
        /// <summary>Named RNG states (a TorchSharp generator's state bytes, or any serialised RNG).</summary>
        public Dictionary<string, byte[]> Rng { get; set; } = new Dictionary<string, byte[]>();
        /// <summary>Free-form string facts (wall time, loss…).</summary>
        public Dictionary<string, string> Extra { get; set; } = new Dictionary<string, string>();
        /// <summary>After <see cref="Checkpoint.Load"/>: the optional modules the checkpoint has no weights for (left as they were).</summary>
        public List<string> AbsentModules { get; } = new List<string>();
    }

    /// <summary>
    /// A training checkpoint: a folder with <c>tensors.safetensors</c> (every module's state dict as
    /// <c>module.&lt;name&gt;.&lt;key&gt;</c>, every optimizer's state as <c>optim.&lt;name&gt;.&lt;key&gt;</c>) and
    /// <c>state.json</c> (format version, step, optimizers, RNG states in base64, extra facts). Written
    /// into a staging folder whose name no reader takes for a checkpoint and renamed into place, so a
    /// crash never leaves a half checkpoint where <see cref="IsComplete"/> looks. See Documentation~/checkpoint-format.md.
    /// </summary>
    public static class Checkpoint
    {
        /// <summary>Format version written to state.json: 2 (TorchSharp; adds BatchNorm's <c>num_batches_tracked</c> and per-parameter optimizer <c>step</c> counts to format 1).</summary>
        public const int FormatVersion = 2;
        /// <summary>The oldest format this trainer reads (1: the libtorch-shim trainer's, read with its optimizer step counts from state.json).</summary>
        public const int OldestFormat = 1;

        const string StateFile = "state.json", TensorsFile = "tensors.safetensors";

        /// <summary>True when <paramref name="folder"/> holds both files of a checkpoint (state.json is written last).</summary>
        public static bool IsComplete(string folder) => File.Exists(Path.Combine(folder, StateFile)) && File.Exists(Path.Combine(folder, TensorsFile));

        /// <summary>
        /// Writes a checkpoint folder atomically: into <c>.&lt;name&gt;.partial</c> beside it, which is renamed to
        /// <paramref name="folder"/>; an existing checkpoint of that name is first renamed to <c>.&lt;name&gt;.replaced</c>
        /// and deleted after. Names starting with a dot are never taken for a checkpoint, so at every crash point the
        /// folders named like checkpoints are complete ones (at worst the newest is missing and the previous one is the latest).
        /// </summary>
        /// <exception cref="IOException">The folder cannot be written.</exception>
        public static void Save(string folder, CheckpointState state, IReadOnlyDictionary<string, nn.Module> modules, IReadOnlyDictionary<string, optim.Optimizer> optimizers)
        {
            folder = Path.GetFullPath(folder.TrimEnd('/', '\\'));
            var parent = Path.GetDirectoryName(folder);
            var name = Path.GetFileName(folder);
            var staging = Path.Combine(parent, "." + name + ".partial");
            var replaced = Path.Combine(parent, "." + name + ".replaced");
            Directory.CreateDirectory(parent);
            if (Directory.Exists(staging)) Directory.Delete(staging, true);
            if (Directory.Exists(replaced)) Directory.Delete(replaced, true);
            Directory.CreateDirectory(staging);
            var stepTensors = new List<Tensor>();
            try
            {
                var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
                foreach (var m in modules) foreach (var kv in m.Value.state_dict()) tensors[$"module.{m.Key}.{kv.Key}"] = kv.Value;
                foreach (var o in optimizers)
                {
                    var saved = OptimizerStates.Save(o.Value, out var steps);
                    foreach (var kv in saved) tensors[$"optim.{o.Key}.{kv.Key}"] = kv.Value;
                    stepTensors.Add(steps);
                    tensors[$"optim.{o.Key}.step"] = steps;
                }
                SafeTensors.Save(Path.Combine(staging, TensorsFile), tensors);
            }
            finally { foreach (var t in stepTensors) t.Dispose(); }
            var json = new Dictionary<string, object>
            {
                ["format"] = FormatVersion,
                ["step"] = state.Step,
                ["engine"] = "TorchSharp " + typeof(TorchSharp.torch).Assembly.GetName().Version + ", libtorch " + __version__,
                ["optimizers"] = optimizers.ToDictionary(o => o.Key, o => new Dictionary<string, object> { ["kind"] = OptimizerStates.Kind(o.Value), ["parameters"] = OptimizerStates.Count(o.Value) }),
                ["rng"] = state.Rng.ToDictionary(r => r.Key, r => Convert.ToBase64String(r.Value)),
                ["extra"] = state.Extra,
            };
            File.WriteAllText(Path.Combine(staging, StateFile), JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
            if (Directory.Exists(folder)) Directory.Move(folder, replaced);
            Directory.Move(staging, folder);
            if (Directory.Exists(replaced)) Directory.Delete(replaced, true);
        }

        /// <summary>
        /// Restores modules and optimizers in place and returns the rest of the state. Modules in <paramref name="optional"/>
        /// (such as the generator's weight average, which older checkpoints lack) are restored when the checkpoint has them
        /// and otherwise listed in <see cref="CheckpointState.AbsentModules"/>.
        /// </summary>
        /// <exception cref="CheckpointException">A file is missing or damaged, its format is newer or older than this trainer reads, or a tensor is missing or mis-shaped for these modules; the message names the file and key.</exception>
        public static CheckpointState Load(string folder, IReadOnlyDictionary<string, nn.Module> modules, IReadOnlyDictionary<string, optim.Optimizer> optimizers,
            IReadOnlyDictionary<string, nn.Module> optional = null)
        {
            var statePath = Path.Combine(folder, StateFile);
            var tensorsPath = Path.Combine(folder, TensorsFile);
            if (!Directory.Exists(folder)) throw new CheckpointException(folder, "checkpoint folder not found.");
            if (!File.Exists(statePath)) throw new CheckpointException(statePath, "missing: the checkpoint is incomplete.");
            var state = new CheckpointState();
            var legacySteps = new Dictionary<string, long>();
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(statePath));
                var root = doc.RootElement;
                state.Format = root.GetProperty("format").GetInt32();
                if (state.Format > FormatVersion) throw new CheckpointException(statePath, $"checkpoint format {state.Format} is newer than this trainer reads ({OldestFormat}–{FormatVersion}); upgrade Wasserforge.");
                if (state.Format < OldestFormat) throw new CheckpointException(statePath, $"checkpoint format {state.Format} is older than this trainer reads ({OldestFormat}–{FormatVersion}).");
                state.Step = root.GetProperty("step").GetInt64();
                if (state.Format == 1)
                    legacySteps = root.GetProperty("optimizer_steps").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
                foreach (var r in root.GetProperty("rng").EnumerateObject()) state.Rng[r.Name] = Convert.FromBase64String(r.Value.GetString());
                foreach (var e in root.GetProperty("extra").EnumerateObject()) state.Extra[e.Name] = e.Value.GetString();
            }
            catch (Exception e) when (e is JsonException || e is KeyNotFoundException || e is InvalidOperationException || e is FormatException)
            {
                throw new CheckpointException(statePath, "damaged: " + e.Message, e);
            }
            var tensors = SafeTensors.Load(tensorsPath, out _);
            try
            {
                foreach (var m in modules) LoadModule(m.Key, m.Value, Part(tensors, $"module.{m.Key}."), tensorsPath, state.Format);
                foreach (var m in optional ?? new Dictionary<string, nn.Module>())
                {
                    var part = Part(tensors, $"module.{m.Key}.");
                    if (part.Count == 0) state.AbsentModules.Add(m.Key);
                    else LoadModule(m.Key, m.Value, part, tensorsPath, state.Format);
                }
                foreach (var o in optimizers)
                {
                    var part = Part(tensors, $"optim.{o.Key}.");
                    long[] steps;
                    if (state.Format == 1)
                    {
                        if (!legacySteps.TryGetValue(o.Key, out var n)) throw new CheckpointException(statePath, $"has no optimizer '{o.Key}' (checkpoint format 1).");
                        steps = Enumerable.Repeat(n, OptimizerStates.Count(o.Value)).ToArray();
                    }
                    else
                    {
                        if (!part.TryGetValue("step", out var st)) throw new CheckpointException(tensorsPath, $"has no optimizer '{o.Key}'.");
                        steps = st.data<long>().ToArray();
                    }
                    try { OptimizerStates.Load(o.Value, part, steps); }
                    catch (ArgumentException e) { throw new CheckpointException(tensorsPath, $"does not fit optimizer '{o.Key}': {e.Message}", e); }
                }
            }
            finally
            {
                foreach (var t in tensors.Values) t.Dispose();
            }
            return state;
        }

        static Dictionary<string, Tensor> Part(Dictionary<string, Tensor> all, string prefix) =>
            all.Where(t => t.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(t => t.Key.Substring(prefix.Length), t => t.Value, StringComparer.Ordinal);

        /// <summary>Checks keys and shapes (TorchSharp's load_state_dict would broadcast a wrong shape), then copies.</summary>
        static void LoadModule(string name, nn.Module module, Dictionary<string, Tensor> part, string file, int format)
        {
            if (part.Count == 0) throw new CheckpointException(file, $"has no weights for '{name}'.");
            var mine = module.state_dict();
            // Format 1 (the shim trainer) kept no batch-norm batch counter; it only matters when momentum is null.
            var optional = format == 1 ? mine.Keys.Where(k => k.EndsWith(".num_batches_tracked", StringComparison.Ordinal)).ToHashSet() : new HashSet<string>();
            var missing = mine.Keys.Where(k => !part.ContainsKey(k) && !optional.Contains(k)).ToList();
            var unexpected = part.Keys.Where(k => !mine.ContainsKey(k)).ToList();
            if (missing.Count > 0 || unexpected.Count > 0)
                throw new CheckpointException(file, $"does not fit '{name}': " +
                    string.Join("; ", new[] { missing.Count > 0 ? "missing " + string.Join(", ", missing) : null, unexpected.Count > 0 ? "unexpected " + string.Join(", ", unexpected) : null }.Where(s => s != null)) + ".");
            foreach (var kv in mine)
            {
                if (!part.TryGetValue(kv.Key, out var src)) continue;
                if (!kv.Value.shape.SequenceEqual(src.shape))
                    throw new CheckpointException(file, $"does not fit '{name}': '{kv.Key}' has shape [{string.Join(", ", src.shape)}], the model needs [{string.Join(", ", kv.Value.shape)}].");
                if (kv.Value.dtype != src.dtype)
                    throw new CheckpointException(file, $"does not fit '{name}': '{kv.Key}' is {src.dtype}, the model needs {kv.Value.dtype}.");
            }
            using (no_grad())
                foreach (var kv in part) mine[kv.Key].copy_(kv.Value);
        }
    }
}
