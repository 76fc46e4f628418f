namespace Wasserforge.Deterministic
{
    /// <summary>
    /// ONNX ConvTranspose (2-D, group 1, dilation 1): out[co, oy, ox] = b[co] + Σ w[ci, co, ky, kx]·x[ci, iy, ix]
    /// over oy = iy·s − top + ky, ox = ix·s − left + kx. Computed as s_h·s_w gathers, one per output
    /// phase (oy mod s_h, ox mod s_w): in a phase only the kernel taps ky ≡ phase + top (mod s) reach the
    /// output, and output row a of the phase reads input row a + (phase + top − ky)/s. Each phase is a
    /// plain matrix product, so every output value is one complete sum (no scatter-add).
    /// </summary>
    internal sealed unsafe class ConvTransposeOperation : PanelConvolution
    {
        /// <summary>Kernel taps and input offsets of one phase along one axis.</summary>
        internal sealed class AxisPhase
        {
            public int[] Taps;      // kernel index per tap
            public int[] Offsets;   // input index = output index in the phase + offset
            public int Length;      // output positions of this phase along the axis
        }

        readonly PackedWeights[] _weights;
        readonly AxisPhase[] _rows, _cols;
        readonly int _strideW, _inChannels, _inHeight, _inWidth;

        public ConvTransposeOperation(string label, int input, int output, TensorShape inShape, TensorShape outShape, PackedWeights[] weights,
                                      OutputStage stage, AxisPhase[] rows, AxisPhase[] cols)
            : base(label, new[] { input }, output, inShape, outShape, stage, Layouts(inShape.Channels, rows, cols))
        {
            _weights = weights;
            _rows = rows;
            _cols = cols;
            _strideW = cols.Length;
            _inChannels = inShape.Channels;
            _inHeight = inShape.Height;
            _inWidth = inShape.Width;
        }

        /// <summary>The phases of one axis: input size, kernel, stride, leading pad and output size.</summary>
        public static AxisPhase[] Phases(int kernel, int stride, int padBegin, int outSize)
        {
            var phases = new AxisPhase[stride];
            for (var p = 0; p < stride; p++)
            {
                var taps = new System.Collections.Generic.List<int>();
                var offsets = new System.Collections.Generic.List<int>();
                for (var k = 0; k < kernel; k++)
                {
                    var d = p + padBegin - k;                 // a multiple of the stride for the taps of this phase
                    if (((d % stride) + stride) % stride != 0) continue;
                    taps.Add(k);
                    offsets.Add(d / stride);
                }
                phases[p] = new AxisPhase { Taps = taps.ToArray(), Offsets = offsets.ToArray(), Length = p < outSize ? (outSize - p + stride - 1) / stride : 0 };
            }
            return phases;
        }

        /// <summary>Within a phase, output (a, b) reads input (a + offset_y, b + offset_x): consecutive columns, so no packing is needed.</summary>
        static DirectLayout[] Layouts(int channels, AxisPhase[] rows, AxisPhase[] cols)
        {
            var layouts = new DirectLayout[rows.Length * cols.Length];
            for (var py = 0; py < rows.Length; py++)
                for (var px = 0; px < cols.Length; px++)
                {
                    var taps = channels * rows[py].Taps.Length * cols[px].Taps.Length;
                    var channel = new int[taps];
                    var dy = new int[taps];
                    var dx = new int[taps];
                    var t = 0;
                    for (var ci = 0; ci < channels; ci++)
                        for (var ty = 0; ty < rows[py].Taps.Length; ty++)
                            for (var tx = 0; tx < cols[px].Taps.Length; tx++, t++)
                            {
                                channel[t] = ci;
                                dy[t] = rows[py].Offsets[ty];
                                dx[t] = cols[px].Offsets[tx];
                            }
                    layouts[py * cols.Length + px] = new DirectLayout(rows[py].Length, cols[px].Length, channel, dy, dx);
                }
            return layouts;
        }

        protected override int Problems => _weights.Length;
        protected override PackedWeights Weights(int problem) => _weights[problem];
        protected override int ColumnsPerSample(int problem) => _rows[problem / _strideW].Length * _cols[problem % _strideW].Length;

        protected override int OutputPosition(int problem, int column)
        {
            var py = problem / _strideW;
            var px = problem % _strideW;
            var width = _cols[px].Length;
            return (py + _rows.Length * (column / width)) * OutputShape.Width + px + _strideW * (column % width);
        }

        protected override void Pack(int problem, FixedTensor input, int firstColumn, int columnsInBatch, int* panel, int width)
        {
            var rows = _rows[problem / _strideW];
            var cols = _cols[problem % _strideW];
            var perSample = rows.Length * cols.Length;
            var plane = _inHeight * _inWidth;
            var baseOffset = stackalloc int[width];
            var a = stackalloc int[width];
            var b = stackalloc int[width];
            for (var c = 0; c < width; c++)
            {
                var j = firstColumn + c;
                if (j >= columnsInBatch) { baseOffset[c] = -1; continue; }
                var n = j / perSample;
                var pos = j % perSample;
                baseOffset[c] = n * input.Shape.Size;
                a[c] = pos / cols.Length;
                b[c] = pos % cols.Length;
            }
            fixed (int* x = input.Data)
            {
                var dst = panel;
                for (var ci = 0; ci < _inChannels; ci++)
                    for (var ty = 0; ty < rows.Taps.Length; ty++)
                        for (var tx = 0; tx < cols.Taps.Length; tx++)
                        {
                            var dy = rows.Offsets[ty];
                            var dx = cols.Offsets[tx];
                            for (var c = 0; c < width; c++)
                            {
                                var iy = a[c] + dy;
                                var ix = b[c] + dx;
                                dst[c] = baseOffset[c] >= 0 && (uint)iy < (uint)_inHeight && (uint)ix < (uint)_inWidth
                                    ? x[baseOffset[c] + ci * plane + iy * _inWidth + ix]
                                    : 0;
                            }
                            dst += width;
                        }
            }
        }
    }
}
