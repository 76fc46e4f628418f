using System;
using TorchSharp;
using TorchSharp.Modules;
using Wasserforge.Training.Engine;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Wasserforge.Training.Models
{
    /// <summary>
    /// TorchSharp's batch norm (<see cref="BatchNorm"/>: the same weights, running statistics, state-dict names and
    /// results as <c>nn.BatchNorm1d</c> / <c>nn.BatchNorm2d</c>) whose training forward counts batches with a held Scalar.
    /// TorchSharp 0.107's <c>num_batches_tracked.add_(1)</c> makes two temporary Scalars on every training call, which a
    /// garbage collection can free during the native call (see <see cref="HeldScalars"/>).
    /// </summary>
    public sealed class HeldScalarBatchNorm : BatchNorm
    {
        readonly int _inputDims;

        HeldScalarBatchNorm(long features, bool affine, int inputDims, string name)
            : base(features, 1e-5, 0.1, affine, true, null, null, name) { _inputDims = inputDims; }

        /// <summary>Batch norm over the channels of [N, C, H, W] images (PyTorch's defaults: ε 1e-5, momentum 0.1).</summary>
        public static HeldScalarBatchNorm Images(long channels, bool affine = true) => new HeldScalarBatchNorm(channels, affine, 4, "BatchNorm2d");

        /// <summary>Batch norm over the features of [N, C] vectors (PyTorch's defaults: ε 1e-5, momentum 0.1).</summary>
        public static HeldScalarBatchNorm Features(long features) => new HeldScalarBatchNorm(features, true, 2, "BatchNorm1d");

        /// <inheritdoc/>
        protected override void ValidateInputDimensions(Tensor input)
        {
            if (input.ndim != _inputDims) throw new ArgumentException($"expected {_inputDims}D input, but got {input.ndim}D input.");
        }

        /// <inheritdoc/>
        public override Tensor forward(Tensor input)
        {
            ValidateInputDimensions(input);
            var factor = momentum ?? 0.0;
            if (training && num_batches_tracked is not null)
            {
                num_batches_tracked.add_(HeldScalars.One, HeldScalars.One);
                if (momentum is null) factor = 1.0 / num_batches_tracked.item<long>();   // PyTorch: a cumulative average
            }
            return F.batch_norm(input, running_mean, running_var, weight, bias, training, factor, eps);
        }
    }
}
