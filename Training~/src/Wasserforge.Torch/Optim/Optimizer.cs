using System;
using System.Collections.Generic;
using System.Linq;
using Wasserforge.Torch.Native;

namespace Wasserforge.Torch.Optim
{
    /// <summary>Base of the optimizers (<c>torch.optim</c>): a parameter list, per-parameter state tensors, a step counter.</summary>
    public abstract unsafe class Optimizer : IDisposable
    {
        /// <summary>The parameters updated by <see cref="step"/>.</summary>
        protected readonly Tensor[] Parameters;
        readonly Dictionary<string, Tensor[]> _state = new Dictionary<string, Tensor[]>(StringComparer.Ordinal);

        /// <summary>Steps taken.</summary>
        public long step_count { get; protected set; }

        /// <summary>Learning rate (may be changed between steps).</summary>
        public double lr { get; set; }

        /// <summary>Creates the optimizer over <paramref name="parameters"/>.</summary>
        protected Optimizer(IEnumerable<Tensor> parameters, double lr)
        {
            Parameters = parameters.ToArray();
            this.lr = lr;
        }

        /// <summary>Creates (once) a zero state tensor per parameter under <paramref name="name"/>.</summary>
        protected Tensor[] State(string name)
        {
            if (_state.TryGetValue(name, out var s)) return s;
            s = new Tensor[Parameters.Length];
            using (torch.no_grad())
                for (var i = 0; i < s.Length; i++) s[i] = DisposeScope.Detach(torch.zeros_like(Parameters[i]));
            _state[name] = s;
            return s;
        }

        /// <summary>Handles of tensors, for one shim call over every parameter.</summary>
        protected static IntPtr[] Handles(Tensor[] ts)
        {
            var h = new IntPtr[ts.Length];
            for (var i = 0; i < h.Length; i++) h[i] = ts[i].H;
            return h;
        }

        /// <summary>Drops every parameter's gradient (<c>set_to_none=True</c>, PyTorch's default).</summary>
        public void zero_grad()
        {
            foreach (var p in Parameters) p.zero_grad();
        }

        /// <summary>Applies one update from the parameters' <c>.grad</c>.</summary>
        public abstract void step();

        /// <summary>State tensors by name (<c>exp_avg.0</c>…) plus <c>step</c> as a one-element tensor: live tensors, do not dispose them.</summary>
        public Dictionary<string, Tensor> state_dict()
        {
            var d = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var kv in _state)
                for (var i = 0; i < kv.Value.Length; i++) d[$"{kv.Key}.{i}"] = kv.Value[i];
            return d;
        }

        /// <summary>Restores state saved by <see cref="state_dict"/> and the step count.</summary>
        /// <exception cref="ArgumentException">A state tensor is missing or mis-shaped.</exception>
        public void load_state_dict(IReadOnlyDictionary<string, Tensor> source, long step)
        {
            foreach (var name in StateNames())
            {
                var mine = State(name);
                for (var i = 0; i < mine.Length; i++)
                {
                    var key = $"{name}.{i}";
                    if (!source.TryGetValue(key, out var src)) throw new ArgumentException($"optimizer state '{key}' is missing.");
                    if (!src.shape.SequenceEqual(mine[i].shape)) throw new ArgumentException($"optimizer state '{key}' has shape [{string.Join(", ", src.shape)}], expected [{string.Join(", ", mine[i].shape)}].");
                    mine[i].copy_(src);
                }
            }
            step_count = step;
        }

        /// <summary>Names of the per-parameter state this optimizer keeps.</summary>
        protected abstract IEnumerable<string> StateNames();

        /// <summary>Frees the state tensors (not the parameters).</summary>
        public void Dispose()
        {
            foreach (var s in _state.Values) foreach (var t in s) t.Dispose();
            _state.Clear();
        }
    }
}
