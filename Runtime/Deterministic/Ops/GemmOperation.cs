using System;

namespace Wasserforge.Deterministic
{
    /// <summary>
    /// ONNX Gemm with a constant weight and bias (alpha = beta = 1, A not transposed):
    /// y[n, o] = b[o] + Σₖ w[o, k]·x[n, k]. Work items are blocks of output features, each computing
    /// its features for every sample of the batch.
    /// </summary>
    internal sealed unsafe class GemmOperation : Operation
    {
        const int BlocksPerItem = 8;

        readonly PackedWeights _weights;
        readonly OutputStage _stage;
        readonly Action<int> _multiply;
        ExecutionState _state;
        long[] _sums = Array.Empty<long>();

        public GemmOperation(string label, int input, int output, PackedWeights weights, OutputStage stage)
            : base(label, new[] { input }, output, new TensorShape(weights.Rows))
        {
            _weights = weights;
            _stage = stage;
            _multiply = MultiplyItem;
        }

        public override void Run(ExecutionState state)
        {
            _state = state;
            var need = (long)state.Count * _weights.Rows;
            if (_sums.Length < need) _sums = new long[need];
            state.Pool.Run(_multiply, (_weights.Blocks + BlocksPerItem - 1) / BlocksPerItem, (long)state.Count * _weights.Rows * _weights.Taps / 8);
            _stage.Run(state, _sums, state.Input(this, 0), state.Output(this));
            _state = null;
        }

        void MultiplyItem(int item)
        {
            var taps = _weights.Taps;
            var rows = _weights.Rows;
            var b0 = item * BlocksPerItem;
            var b1 = Math.Min(_weights.Blocks, b0 + BlocksPerItem);
            var four = stackalloc long[KernelChoice.BlockRows];
            var input = _state.Input(this, 0);
            fixed (int* w = _weights.RowMajor)
            fixed (int* x = input.Data)
            fixed (long* sums = _sums)
            {
                for (var b = b0; b < b1; b++)                    // a block's weights stay in cache across the batch
                {
                    var r0 = b * KernelChoice.BlockRows;
                    var valid = Math.Min(KernelChoice.BlockRows, rows - r0);
                    for (var n = 0; n < _state.Count; n++)
                    {
                        DotKernel.Run(_state.Kernels, w + (long)r0 * taps, x + (long)n * taps, taps, four);
                        for (var r = 0; r < valid; r++) sums[(long)n * rows + r0 + r] = four[r];
                    }
                }
            }
        }
    }
}
