using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Wasserforge.Training.Models
{
    /// <summary>
    /// LeakyReLU whose negative slope is one <see cref="Scalar"/> owned by the module, created once and
    /// disposed with it. TorchSharp 0.107's <c>LeakyReLU</c> converts its slope to a temporary Scalar on
    /// every call and passes only its native handle on; that temporary is unreachable during the native
    /// call, so a garbage collection can finalize it mid-call (use after free: libtorch then fails with
    /// "Expected false to be true ... toFloat", seen once after ~4,000 demo steps). A field of the module
    /// stays reachable for as long as the module runs. Same results and no parameters, so checkpoints
    /// and state dicts are unchanged.
    /// </summary>
    public sealed class SlopeLeakyRelu : Module<Tensor, Tensor>
    {
        readonly Scalar _slope;

        /// <summary>A LeakyReLU with negative slope <paramref name="slope"/>.</summary>
        public SlopeLeakyRelu(double slope) : base("LeakyReLU") { _slope = slope.ToScalar(); }

        /// <inheritdoc/>
        public override Tensor forward(Tensor input) => input.leaky_relu(_slope);

        /// <inheritdoc/>
        protected override void Dispose(bool disposing)
        {
            if (disposing) _slope.Dispose();
            base.Dispose(disposing);
        }
    }
}
