using System;

namespace Wasserforge.Deterministic
{
    /// <summary>
    /// A convolution-like step computed as one or more matrix products W[channel, tap] · X[tap, column]
    /// (a "problem" each: one for Conv, one per output phase for ConvTranspose). Columns of all samples
    /// are processed together in tiles of <see cref="KernelChoice.PanelWidth"/> columns, in one of two ways:
    /// <list type="bullet">
    /// <item>direct: when a problem's output rows read consecutive input columns (stride 1 in the input) and
    /// are at least half a tile wide, the kernel reads a zero-padded copy of the input (<see cref="PaddedInput"/>);</item>
    /// <item>packed: otherwise the taps of each tile's columns are first gathered into a panel.</item>
    /// </list>
    /// Work items are (tile, block of output channels), each writing its own complete sums, so the split
    /// never cuts a sum in parts. Both ways compute the same exact sums. The sums then go through the
    /// shared <see cref="OutputStage"/>.
    /// </summary>
    internal abstract unsafe class PanelConvolution : Operation
    {
        const int BlocksPerItem = 4;

        readonly Action<int> _pack, _multiply;
        readonly DirectLayout[] _layouts;
        readonly PaddedInput _padded;
        readonly int[][] _tapOffsets;
        protected readonly OutputStage Stage;

        // Per-call state.
        ExecutionState _state;
        bool[] _direct = new bool[0];
        int[][] _panels = new int[0][];
        int[][] _offsets = new int[0][];
        int[] _firstTile = new int[0];       // per problem: index of its first tile in the job
        int[] _firstPacked = new int[0];     // per problem: index of its first packed panel (packed problems only)
        long[] _sums = Array.Empty<long>();
        int[] _panelRows = Array.Empty<int>();   // k·width: where tap k of a packed panel starts
        int _offsetsCount = -1;
        int _offsetsWidth;

        protected PanelConvolution(string label, int[] inputs, int output, TensorShape inShape, TensorShape shape, OutputStage stage, DirectLayout[] layouts)
            : base(label, inputs, output, shape)
        {
            Stage = stage;
            _layouts = layouts;
            if (layouts != null)
            {
                _padded = new PaddedInput(inShape, layouts, 64 + inShape.Width);
                _tapOffsets = new int[layouts.Length][];
                for (var p = 0; p < layouts.Length; p++) _tapOffsets[p] = layouts[p] == null ? null : _padded.Offsets(layouts[p]);
            }
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

        /// <summary>Columns one half of a tile reads from one padded input row.</summary>
        static int Segment(KernelChoice kernels) => kernels.PanelWidth / 2;

        bool IsDirect(int problem, KernelChoice kernels) =>
            _layouts != null && _layouts[problem] != null && _layouts[problem].Width >= Segment(kernels);

        /// <summary>Tiles of a problem: packed panels, or pairs of row segments.</summary>
        int Tiles(int problem, int count, KernelChoice kernels)
        {
            var width = kernels.PanelWidth;
            if (!_direct[problem]) return (count * ColumnsPerSample(problem) + width - 1) / width;
            var l = _layouts[problem];
            var segments = count * l.Rows * ((l.Width + Segment(kernels) - 1) / Segment(kernels));
            return (segments + 1) / 2;
        }

        public override void Run(ExecutionState state)
        {
            _state = state;
            var count = state.Count;
            var kernels = state.Kernels;
            var width = kernels.PanelWidth;
            var problems = Problems;
            if (_panels.Length != problems)
            {
                _panels = new int[problems][];
                _offsets = new int[problems][];
                _direct = new bool[problems];
                _firstTile = new int[problems + 1];
                _firstPacked = new int[problems + 1];
            }
            var tiles = 0;
            var packed = 0;
            var anyDirect = false;
            for (var p = 0; p < problems; p++)
            {
                _direct[p] = IsDirect(p, kernels);
                anyDirect |= _direct[p];
                _firstTile[p] = tiles;
                _firstPacked[p] = packed;
                var t = Tiles(p, count, kernels);
                tiles += t;
                if (_direct[p]) continue;
                packed += t;
                var need = (long)t * width * Weights(p).Taps;
                if (_panels[p] == null || _panels[p].Length < need) _panels[p] = new int[need];
            }
            _firstTile[problems] = tiles;
            _firstPacked[problems] = packed;
            var maxTaps = 0;
            for (var p = 0; p < problems; p++) maxTaps = Math.Max(maxTaps, Weights(p).Taps);
            if (_panelRows.Length < maxTaps || (maxTaps > 1 && _panelRows[1] != width))
            {
                _panelRows = new int[maxTaps];
                for (var k = 0; k < maxTaps; k++) _panelRows[k] = k * width;
            }
            PrepareOffsets(count, width);
            var sumsNeeded = (long)count * OutputShape.Size;
            if (_sums.Length < sumsNeeded) _sums = new long[sumsNeeded];
            if (anyDirect) _padded.Fill(state, state.Input(this, 0));
            state.Pool.Run(_pack, packed, (long)packed * width * Weights(0).Taps);
            state.Pool.Run(_multiply, tiles * ItemsPerTile(), (long)count * OutputShape.Size * Weights(0).Taps / 8);
            Stage.Run(state, _sums, state.Input(this, 0), state.Output(this));
            _state = null;
        }

        int ItemsPerTile() => (Weights(0).Blocks + BlocksPerItem - 1) / BlocksPerItem;

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

        static int Locate(int[] first, int index)
        {
            var p = 0;
            while (index >= first[p + 1]) p++;
            return p;
        }

        void PackItem(int item)
        {
            var problem = Locate(_firstPacked, item);
            var panel = item - _firstPacked[problem];
            var width = _state.Kernels.PanelWidth;
            var taps = Weights(problem).Taps;
            fixed (int* dst = _panels[problem])
            {
                Pack(problem, _state.Input(this, 0), panel * width, _state.Count * ColumnsPerSample(problem), dst + (long)panel * taps * width, width);
            }
        }

        void MultiplyItem(int item)
        {
            var perTile = ItemsPerTile();
            var index = item / perTile;
            var problem = Locate(_firstTile, index);
            var tileIndex = index - _firstTile[problem];
            var weights = Weights(problem);
            var kernels = _state.Kernels;
            var width = kernels.PanelWidth;
            var block0 = item % perTile * BlocksPerItem;
            var block1 = Math.Min(weights.Blocks, block0 + BlocksPerItem);
            var rowStride = OutputShape.Size / Stage.Channels;
            var tile = stackalloc long[KernelChoice.BlockRows * 64];
            // Each half of the tile: the first output column it covers and how many of its columns are real.
            int first0, valid0, first1, valid1;
            var direct = _direct[problem];
            fixed (int* w = weights.Blocked)
            fixed (int* offsets = _offsets[problem])
            fixed (long* sums = _sums)
            fixed (int* padded = direct ? _padded.Buffer : null)
            fixed (int* taps = direct ? _tapOffsets[problem] : _panelRows)
            fixed (int* panels = direct ? null : _panels[problem])
            {
                int* origin0, origin1;
                if (direct)
                {
                    var segment = Segment(kernels);
                    Segment(problem, 2 * tileIndex, segment, padded, out origin0, out first0, out valid0);
                    Segment(problem, 2 * tileIndex + 1, segment, padded, out origin1, out first1, out valid1);
                    if (valid1 == 0) origin1 = origin0;
                }
                else
                {
                    var columns = _state.Count * ColumnsPerSample(problem);
                    first0 = tileIndex * width;
                    valid0 = Math.Min(width, columns - first0);
                    origin0 = panels + (long)tileIndex * weights.Taps * width;
                    origin1 = origin0 + width / 2;
                    first1 = first0 + width / 2;
                    valid1 = Math.Max(0, valid0 - width / 2);
                    valid0 = Math.Min(valid0, width / 2);
                }
                var half = width / 2;
                for (var b = block0; b < block1; b++)
                {
                    var wb = w + (long)b * weights.Taps * KernelChoice.BlockRows;
                    ColumnKernel.Run(kernels, wb, origin0, origin1, taps, weights.Taps, tile);
                    var rows = Math.Min(KernelChoice.BlockRows, weights.Rows - b * KernelChoice.BlockRows);
                    for (var r = 0; r < rows; r++)
                    {
                        var row = (long)(b * KernelChoice.BlockRows + r) * rowStride;
                        var t = tile + r * width;
                        for (var c = 0; c < valid0; c++) sums[offsets[first0 + c] + row] = t[c];
                        for (var c = 0; c < valid1; c++) sums[offsets[first1 + c] + row] = t[half + c];
                    }
                }
            }
        }

        /// <summary>Segment <paramref name="s"/> of a direct problem: where it reads, its first column and its real width (0 past the batch).</summary>
        void Segment(int problem, int s, int segment, int* padded, out int* origin, out int first, out int valid)
        {
            var l = _layouts[problem];
            var perRow = (l.Width + segment - 1) / segment;
            var perSample = l.Rows * perRow;
            var n = s / perSample;
            if (n >= _state.Count) { origin = null; first = 0; valid = 0; return; }
            var a = s % perSample / perRow;
            var b = s % perRow * segment;
            origin = padded + (long)n * _padded.SampleSize + (long)a * _padded.Width + b;
            first = n * ColumnsPerSample(problem) + a * l.Width + b;
            valid = Math.Min(segment, l.Width - b);
        }
    }
}
