using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Wasserforge.Torch.NN;
using Wasserforge.Torch.Optim;

namespace Wasserforge.Torch.Serialization
{
    /// <summary>What a checkpoint restores besides tensors.</summary>
    public sealed class CheckpointState
    {
        /// <summary>Training step the checkpoint was taken at.</summary>
        public long Step { get; set; }
        /// <summary>Named RNG states (generator bytes, or any serialised RNG).</summary>
        public Dictionary<string, byte[]> Rng { get; set; } = new Dictionary<string, byte[]>();
        /// <summary>Free-form string facts (config hash, wall time…).</summary>
        public Dictionary<string, string> Extra { get; set; } = new Dictionary<string, string>();
    }

    /// <summary>
    /// A training checkpoint: a folder with <c>tensors.safetensors</c> (every module's state dict as
    /// <c>module.&lt;name&gt;.&lt;key&gt;</c>, every optimizer's state as <c>optim.&lt;name&gt;.&lt;key&gt;</c>) and
    /// <c>state.json</c> (format version, step, optimizer step counts, RNG states in base64, extra facts).
    /// Written into <c>&lt;folder&gt;.tmp</c> and renamed, so a crash never leaves a half checkpoint.
    /// See Documentation~/checkpoint-format.md.
    /// </summary>
    public static class Checkpoint
    {
        /// <summary>Format version written to state.json.</summary>
        public const int FormatVersion = 1;

        /// <summary>Writes a checkpoint folder atomically (into <c>&lt;folder&gt;.tmp</c>, then renamed over any previous one).</summary>
        /// <remarks>Store the default generator with <c>state.Rng["torch"] = torch.get_rng_state()</c> and any C# RNG as bytes under its own name.</remarks>
        /// <exception cref="IOException">The folder cannot be written.</exception>
        public static void Save(string folder, CheckpointState state, IReadOnlyDictionary<string, Module> modules, IReadOnlyDictionary<string, Optimizer> optimizers)
        {
            var tmp = folder.TrimEnd('/', '\\') + ".tmp";
            if (Directory.Exists(tmp)) Directory.Delete(tmp, true);
            Directory.CreateDirectory(tmp);
            var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var m in modules) foreach (var kv in m.Value.state_dict()) tensors[$"module.{m.Key}.{kv.Key}"] = kv.Value;
            foreach (var o in optimizers) foreach (var kv in o.Value.state_dict()) tensors[$"optim.{o.Key}.{kv.Key}"] = kv.Value;
            SafeTensors.Save(Path.Combine(tmp, "tensors.safetensors"), tensors);
            var json = new Dictionary<string, object>
            {
                ["format"] = FormatVersion,
                ["step"] = state.Step,
                ["optimizer_steps"] = optimizers.ToDictionary(o => o.Key, o => o.Value.step_count),
                ["rng"] = state.Rng.ToDictionary(r => r.Key, r => Convert.ToBase64String(r.Value)),
                ["extra"] = state.Extra,
            };
            File.WriteAllText(Path.Combine(tmp, "state.json"), JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
            // Replace by renames only: the previous checkpoint stays complete until the new one is in place.
            var old = folder.TrimEnd('/', '\\') + ".old";
            if (Directory.Exists(old)) Directory.Delete(old, true);
            if (Directory.Exists(folder)) Directory.Move(folder, old);
            Directory.Move(tmp, folder);
            if (Directory.Exists(old)) Directory.Delete(old, true);
        }

        /// <summary>Restores modules and optimizers in place and returns the rest of the state.</summary>
        /// <exception cref="CheckpointException">A file is missing or damaged, or a tensor is missing or mis-shaped for these modules; the message names the file and key.</exception>
        public static CheckpointState Load(string folder, IReadOnlyDictionary<string, Module> modules, IReadOnlyDictionary<string, Optimizer> optimizers)
        {
            var statePath = Path.Combine(folder, "state.json");
            var tensorsPath = Path.Combine(folder, "tensors.safetensors");
            if (!Directory.Exists(folder)) throw new CheckpointException(folder, "checkpoint folder not found.");
            if (!File.Exists(statePath)) throw new CheckpointException(statePath, "missing: the checkpoint is incomplete.");
            var state = new CheckpointState();
            Dictionary<string, long> optimizerSteps;
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(statePath));
                var root = doc.RootElement;
                var format = root.GetProperty("format").GetInt32();
                if (format > FormatVersion) throw new CheckpointException(statePath, $"checkpoint format {format} is newer than this trainer supports ({FormatVersion}); upgrade Wasserforge.");
                state.Step = root.GetProperty("step").GetInt64();
                optimizerSteps = root.GetProperty("optimizer_steps").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
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
                foreach (var m in modules)
                {
                    var prefix = $"module.{m.Key}.";
                    var part = tensors.Where(t => t.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(t => t.Key.Substring(prefix.Length), t => t.Value);
                    if (part.Count == 0) throw new CheckpointException(tensorsPath, $"has no weights for '{m.Key}'.");
                    try { m.Value.load_state_dict(part); }
                    catch (ArgumentException e) { throw new CheckpointException(tensorsPath, $"does not fit '{m.Key}': {e.Message}", e); }
                }
                foreach (var o in optimizers)
                {
                    var prefix = $"optim.{o.Key}.";
                    var part = tensors.Where(t => t.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(t => t.Key.Substring(prefix.Length), t => t.Value);
                    if (!optimizerSteps.TryGetValue(o.Key, out var steps)) throw new CheckpointException(statePath, $"has no optimizer '{o.Key}'.");
                    try { o.Value.load_state_dict(part, steps); }
                    catch (ArgumentException e) { throw new CheckpointException(tensorsPath, $"does not fit optimizer '{o.Key}': {e.Message}", e); }
                }
            }
            finally
            {
                foreach (var t in tensors.Values) t.Dispose();
            }
            return state;
        }
    }
}
