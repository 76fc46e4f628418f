using System;
using System.Collections.Generic;
using System.Linq;

namespace Wasserforge.Torch.NN
{
    /// <summary>
    /// Base of every network layer (<c>torch.nn.Module</c>): a registry of parameters, buffers and
    /// child modules with stable dotted names (<c>net.0.weight</c>), train/eval mode, state dicts.
    /// Parameters are owned by the module (outside any DisposeScope) and freed by <see cref="Dispose"/>.
    /// </summary>
    public abstract class Module : IDisposable
    {
        readonly List<KeyValuePair<string, Tensor>> _parameters = new List<KeyValuePair<string, Tensor>>();
        readonly List<KeyValuePair<string, Tensor>> _buffers = new List<KeyValuePair<string, Tensor>>();
        readonly List<KeyValuePair<string, Module>> _children = new List<KeyValuePair<string, Module>>();

        /// <summary>True in training mode (batch norm uses batch statistics).</summary>
        public bool training { get; private set; } = true;

        /// <summary>Computes the module's output.</summary>
        public abstract Tensor forward(Tensor x);

        /// <summary>Registers a trainable parameter (requires_grad is set; the module owns it).</summary>
        protected Tensor register_parameter(string name, Tensor t)
        {
            DisposeScope.Detach(t);
            t.requires_grad = true;
            _parameters.Add(new KeyValuePair<string, Tensor>(name, t));
            return t;
        }

        /// <summary>Registers a non-trainable state tensor (e.g. batch norm running statistics).</summary>
        protected Tensor register_buffer(string name, Tensor t)
        {
            DisposeScope.Detach(t);
            _buffers.Add(new KeyValuePair<string, Tensor>(name, t));
            return t;
        }

        /// <summary>Registers a child module.</summary>
        protected T register_module<T>(string name, T module) where T : Module
        {
            _children.Add(new KeyValuePair<string, Module>(name, module));
            return module;
        }

        /// <summary>Child modules with their names.</summary>
        public IEnumerable<KeyValuePair<string, Module>> named_children() => _children;

        /// <summary>Every parameter of this module and its children, with dotted names, in registration order.</summary>
        public IEnumerable<KeyValuePair<string, Tensor>> named_parameters(string prefix = "")
        {
            foreach (var p in _parameters) yield return new KeyValuePair<string, Tensor>(prefix + p.Key, p.Value);
            foreach (var c in _children)
                foreach (var p in c.Value.named_parameters(prefix + c.Key + ".")) yield return p;
        }

        /// <summary>Every buffer with dotted names.</summary>
        public IEnumerable<KeyValuePair<string, Tensor>> named_buffers(string prefix = "")
        {
            foreach (var b in _buffers) yield return new KeyValuePair<string, Tensor>(prefix + b.Key, b.Value);
            foreach (var c in _children)
                foreach (var b in c.Value.named_buffers(prefix + c.Key + ".")) yield return b;
        }

        /// <summary>Every parameter.</summary>
        public Tensor[] parameters() => named_parameters().Select(p => p.Value).ToArray();

        /// <summary>Every module in the tree (this one first) with dotted names.</summary>
        public IEnumerable<KeyValuePair<string, Module>> named_modules(string prefix = "")
        {
            yield return new KeyValuePair<string, Module>(prefix.TrimEnd('.'), this);
            foreach (var c in _children)
                foreach (var m in c.Value.named_modules(prefix + c.Key + ".")) yield return m;
        }

        /// <summary>Parameters and buffers by name: the live tensors (do not dispose them).</summary>
        public Dictionary<string, Tensor> state_dict()
        {
            var d = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var p in named_parameters()) d[p.Key] = p.Value;
            foreach (var b in named_buffers()) d[b.Key] = b.Value;
            return d;
        }

        /// <summary>Copies values into this module's parameters and buffers.</summary>
        /// <exception cref="ArgumentException">A key is missing or unexpected, or a shape or type differs; the message names it.</exception>
        public void load_state_dict(IReadOnlyDictionary<string, Tensor> source, bool strict = true)
        {
            var mine = state_dict();
            if (strict)
            {
                var missing = mine.Keys.Where(k => !source.ContainsKey(k)).ToList();
                var extra = source.Keys.Where(k => !mine.ContainsKey(k)).ToList();
                if (missing.Count > 0 || extra.Count > 0)
                    throw new ArgumentException($"state dict does not match the module: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", extra)}].");
            }
            using (torch.no_grad())
            {
                foreach (var kv in mine)
                {
                    if (!source.TryGetValue(kv.Key, out var src)) continue;
                    var want = kv.Value.shape;
                    var got = src.shape;
                    if (!want.SequenceEqual(got))
                        throw new ArgumentException($"'{kv.Key}' has shape [{string.Join(", ", got)}] but the module expects [{string.Join(", ", want)}].");
                    if (src.dtype != kv.Value.dtype)
                        throw new ArgumentException($"'{kv.Key}' is {src.dtype} but the module expects {kv.Value.dtype}.");
                    kv.Value.copy_(src);
                }
            }
        }

        /// <summary>Sets training mode on this module and its children.</summary>
        public Module train(bool mode = true)
        {
            training = mode;
            foreach (var c in _children) c.Value.train(mode);
            return this;
        }

        /// <summary>Sets evaluation mode.</summary>
        public Module eval() => train(false);

        /// <summary>Zeroes (drops) every parameter's gradient.</summary>
        public void zero_grad()
        {
            foreach (var p in parameters()) p.zero_grad();
        }

        /// <summary>Moves every parameter and buffer to <paramref name="device"/> in place (references stay valid).</summary>
        public Module to(Device device)
        {
            foreach (var p in named_parameters().Concat(named_buffers()))
            {
                if (p.Value.device.Equals(device)) continue;
                var grad = p.Value.requires_grad;
                using (torch.no_grad())
                {
                    var moved = p.Value.to(device);
                    p.Value.Swap(moved);
                }
                p.Value.requires_grad = grad;
            }
            return this;
        }

        /// <summary>Frees every parameter and buffer of the tree.</summary>
        public virtual void Dispose()
        {
            foreach (var p in _parameters) p.Value.Dispose();
            foreach (var b in _buffers) b.Value.Dispose();
            foreach (var c in _children) c.Value.Dispose();
        }
    }
}
