using System;
using System.Collections.Generic;
using Wasserforge.Torch.Native;
using static Wasserforge.Torch.Native.NativeMethods;

namespace Wasserforge.Torch
{
    public static unsafe partial class torch
    {
        /// <summary>Autograd functions.</summary>
        public static class autograd
        {
            /// <summary>
            /// Gradients of <paramref name="outputs"/> with respect to <paramref name="inputs"/>
            /// (<c>torch.autograd.grad</c>). With <paramref name="create_graph"/> the gradients are
            /// themselves differentiable (double backward, as the WGAN-GP penalty needs). An input
            /// that the outputs do not depend on gets null.
            /// </summary>
            /// <exception cref="TorchException">libtorch refused (e.g. an input does not require grad).</exception>
            public static Tensor[] grad(IReadOnlyList<Tensor> outputs, IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> grad_outputs = null,
                                        bool retain_graph = false, bool create_graph = false)
            {
                var o = new IntPtr[outputs.Count];
                var i = new IntPtr[inputs.Count];
                var g = grad_outputs == null ? null : new IntPtr[grad_outputs.Count];
                for (var k = 0; k < o.Length; k++) o[k] = outputs[k].H;
                for (var k = 0; k < i.Length; k++) i[k] = inputs[k].H;
                if (g != null) for (var k = 0; k < g.Length; k++) g[k] = grad_outputs[k].H;
                var result = new IntPtr[i.Length];
                fixed (IntPtr* po = o)
                fixed (IntPtr* pi = i)
                fixed (IntPtr* pg = g)
                fixed (IntPtr* pr = result)
                {
                    Shim.Check(wf_autograd_grad(po, o.Length, pi, i.Length, pg, retain_graph || create_graph ? 1 : 0, create_graph ? 1 : 0, pr));
                }
                var tensors = new Tensor[result.Length];
                for (var k = 0; k < result.Length; k++) tensors[k] = result[k] == IntPtr.Zero ? null : new Tensor(result[k]);
                return tensors;
            }
        }
    }
}
