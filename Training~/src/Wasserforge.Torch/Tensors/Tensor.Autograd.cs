using System;
using Wasserforge.Torch.Native;
using static Wasserforge.Torch.Native.NativeMethods;

namespace Wasserforge.Torch
{
    public sealed unsafe partial class Tensor
    {
        /// <summary>Whether autograd records operations on this tensor.</summary>
        public bool requires_grad
        {
            get { Shim.Check(wf_requires_grad(H, out var v)); return v != 0; }
            set => Shim.Check(wf_set_requires_grad(H, value ? 1 : 0));
        }

        /// <summary>Sets <see cref="requires_grad"/> and returns this tensor.</summary>
        public Tensor requires_grad_(bool value = true) { requires_grad = value; return this; }

        /// <summary>The accumulated gradient (a new handle to it), or null when there is none. Dispose it or let the scope do so.</summary>
        public Tensor grad
        {
            get
            {
                Shim.Check(wf_grad(H, out var g));
                return g == IntPtr.Zero ? null : new Tensor(g);
            }
        }

        /// <summary>Drops the accumulated gradient (<c>grad = None</c>).</summary>
        public void zero_grad() => Shim.Check(wf_zero_grad(H));

        /// <summary>Back-propagates from this (scalar) tensor into the leaves' <c>.grad</c>.</summary>
        public void backward(Tensor gradient = null, bool retain_graph = false, bool create_graph = false) =>
            Shim.Check(wf_backward(H, gradient?.H ?? IntPtr.Zero, retain_graph ? 1 : 0, create_graph ? 1 : 0));

        /// <summary>A tensor sharing storage but cut from the graph.</summary>
        public Tensor detach() => From(wf_tensor_detach(H, out var r), r);

        /// <summary>A copy with its own storage (differentiable).</summary>
        public Tensor clone() => From(wf_tensor_clone(H, out var r), r);

        /// <summary>A second handle to the same tensor (same storage and autograd identity).</summary>
        public Tensor alias() => From(wf_tensor_alias(H, out var r), r);
    }
}
