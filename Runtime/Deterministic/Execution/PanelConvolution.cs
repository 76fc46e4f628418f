using System;

namespace Wasserforge.Deterministic
{
    /// <summary>
    /// A convolution-like step computed as one or more matrix products W[channel, tap] · X[tap, column]
    /// (a "problem" each: one for Conv, one per output phase for ConvTranspose). The columns of all
    /// samples of the batch are packed side by side into panels of <see cref="KernelChoice.PanelWidth"/>
    /// columns; work items are (problem, panel, block of rows), each writing its own output sums, so the
    /// split never cuts a sum in parts. The sums then go through the shared <see cref="OutputStage"/>.
    /// </summary>
    internal abstract unsafe class PanelConvolution : Operation
    {
        const int BlocksPerItem = 4;

        readonly Action<int> _pack, _multiply;
        protected readonly OutputStage Stage;

        // Per-call state.
        ExecutionState _state;
        int[][] _panels = new int[0][];
        int[][] _offsets = new int[0][];
        int[] _firstPanel = new int[0];      // per problem: index of its first panel in the job
        long[] _sums = Array.Empty<long>();
        int _offsetsCount = -1;
        int _offsetsWidth;

        protected PanelConvolution(string label, int[] inputs, int output, TensorShape shape, OutputStage stage)
            : base(label, inputs, output, shape)
        {
            Stage = stage;
            _pack = PackItem;
            _multiply = MultiplyItem;
        }

        /// <summary>Number of matrix products.</summary>
        protected abstract int Problems { get; }

        /// <summary>The quantized weights of a problem.</summary>
        protected abstract PackedWeights Weights(int problem);

        /// <summary>Columns of a problem per sample.</summary>
        protected abstract int ColumnsPerSample(int problem);

        /// <summary>Where column <paramref name="column"/> (of one sample) of a problem lands in one sample's output, channel 0.</summary>
        protected abstract int OutputPosition(int problem, int column);

        /// <summary>Writes the taps of <paramref name="width"/> columns starting at (sample, column) into a panel ([tap][width]); columns past the batch are zero.</summary>
        protected abstract void Pack(int problem, FixedTensor input, int firstColumn, int columnsInBatch, int* panel, int width);

        public override void Run(ExecutionState state)
        {
            _state = state;
            var count = state.Count;
            var width = state.Kernels.PanelWidth;
            var problems = Problems;
            if (_panels.Length != problems) { _panels = new int[problems][]; _offsets = new int[problems][]; _firstPanel = new int[problems + 1]; }
            var totalPanels = 0;
            for (var p = 0; p < problems; p++)
            {
                var columns = count * ColumnsPerSample(p);
                var panels = (columns + width - 1) / width;
                _firstPanel[p] = totalPanels;
                totalPanels += panels;
                var need = panels * width * Weights(p).Taps;
                if (_panels[p] == null || _panels[p].Length < need) _panels[p] = new int[need];
            }
            _firstPanel[problems] = totalPanels;
            PrepareOffsets(count, width);
            var output = state.Output(this);
            var sumsNeeded = (long)count * OutputShape.Size;
            if (_sums.Length < sumsNeeded) _sums = new long[sumsNeeded];
            state.Pool.Run(_pack, totalPanels);
            state.Pool.Run(_multiply, totalPanels * ItemsPerPanel());
            Stage.Run(state, _sums, state.Input(this, 0), output);
            _state = null;
        }

        int ItemsPerPanel()
        {
            var blocks = Weights(0).Blocks;
            return (blocks + BlocksPerItem - 1) / BlocksPerItem;
        }

        /// <summary>Column → output offset tables (sample offset included) for at least <paramref name="count"/> samples; they grow with the batch.</summary>
        void PrepareOffsets(int count, int width)
        {
            if (count <= _offsetsCount && width == _offsetsWidth) return;
            for (var p = 0; p < Problems; p++)
            {
                var perSample = ColumnsPerSample(p);
                var table = new int[count * perSample];
                for (var n = 0; n < count; n++)
                    for (var j = 0; j < perSample; j++)
                        table[n * perSample + j] = n * OutputShape.Size + OutputPosition(p, j);
                _offsets[p] = table;
            }
            _offsetsCount = count;
            _offsetsWidth = width;
        }

        void Locate(int panelIndex, out int problem, out int panel)
        {
            problem = 0;
            while (panelIndex >= _firstPanel[problem + 1]) problem++;
            panel = panelIndex - _firstPanel[problem];
        }

        void PackItem(int item)
        {
            Locate(item, out var problem, out var panel);
            var width = _state.Kernels.PanelWidth;
            var taps = Weights(problem).Taps;
            fixed (int* dst = _panels[problem])
            {
                Pack(problem, _state.Input(this, 0), panel * width, _state.Count * ColumnsPerSample(problem), dst + (long)panel * taps * width, width);
            }
        }

        void MultiplyItem(int item)
        {
            var perPanel = ItemsPerPanel();
            Locate(item / perPanel, out var problem, out var panel);
            var weights = Weights(problem);
            var width = _state.Kernels.PanelWidth;
            var taps = weights.Taps;
            var columns = _state.Count * ColumnsPerSample(problem);
            var firstColumn = panel * width;
            var validColumns = Math.Min(width, columns - firstColumn);
            var block0 = item % perPanel * BlocksPerItem;
            var block1 = Math.Min(weights.Blocks, block0 + BlocksPerItem);
            var rowStride = OutputShape.Size / Stage.Channels;
            var tile = stackalloc long[KernelChoice.BlockRows * 64];
            fixed (int* w = weights.Blocked)
            fixed (int* x = _panels[problem])
            fixed (int* offsets = _offsets[problem])
            fixed (long* sums = _sums)
            {
                var panelStart = x + (long)panel * taps * width;
                for (var b = block0; b < block1; b++)
                {
                    ColumnKernel.Run(_state.Kernels, w + (long)b * taps * KernelChoice.BlockRows, panelStart, taps, tile);
                    var rows = Math.Min(KernelChoice.BlockRows, weights.Rows - b * KernelChoice.BlockRows);
                    for (var r = 0; r < rows; r++)
                    {
                        var row = (long)(b * KernelChoice.BlockRows + r) * rowStride;
                        for (var c = 0; c < validColumns; c++) sums[offsets[firstColumn + c] + row] = tile[r * width + c];
                    }
                }
            }
        }
    }
}
