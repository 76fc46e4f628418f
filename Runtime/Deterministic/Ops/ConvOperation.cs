namespace Wasserforge.Deterministic
{
    /// <summary>
    /// ONNX Conv (2-D, group 1, dilation 1, explicit pads): out[co, oy, ox] = b[co] +
    /// Σ w[co, ci, ky, kx]·x[ci, oy·s − top + ky, ox·s − left + kx], zero outside the input.
    /// One matrix product: rows = output channels, taps = (ci, ky, kx), columns = output pixels.
    /// </summary>
    internal sealed unsafe class ConvOperation : PanelConvolution
    {
        readonly PackedWeights _weights;
        readonly int _inChannels, _inHeight, _inWidth, _kernelH, _kernelW, _strideH, _strideW, _padTop, _padLeft;

        public ConvOperation(string label, int input, int output, TensorShape inShape, TensorShape outShape, PackedWeights weights,
                             OutputStage stage, int kernelH, int kernelW, int strideH, int strideW, int padTop, int padLeft)
            : base(label, new[] { input }, output, inShape, outShape, stage,
                   strideH == 1 && strideW == 1 ? new[] { Layout(inShape.Channels, kernelH, kernelW, padTop, padLeft, outShape) } : null)
        {
            _weights = weights;
            _inChannels = inShape.Channels;
            _inHeight = inShape.Height;
            _inWidth = inShape.Width;
            _kernelH = kernelH;
            _kernelW = kernelW;
            _strideH = strideH;
            _strideW = strideW;
            _padTop = padTop;
            _padLeft = padLeft;
        }

        /// <summary>With stride 1, output (oy, ox) reads input (oy + ky − top, ox + kx − left): consecutive columns, so no packing is needed.</summary>
        static DirectLayout Layout(int channels, int kh, int kw, int top, int left, TensorShape outShape)
        {
            var taps = channels * kh * kw;
            var channel = new int[taps];
            var dy = new int[taps];
            var dx = new int[taps];
            var t = 0;
            for (var ci = 0; ci < channels; ci++)
                for (var ky = 0; ky < kh; ky++)
                    for (var kx = 0; kx < kw; kx++, t++)
                    {
                        channel[t] = ci;
                        dy[t] = ky - top;
                        dx[t] = kx - left;
                    }
            return new DirectLayout(outShape.Height, outShape.Width, channel, dy, dx);
        }

        protected override int Problems => 1;
        protected override PackedWeights Weights(int problem) => _weights;
        protected override int ColumnsPerSample(int problem) => OutputShape.Height * OutputShape.Width;
        protected override int OutputPosition(int problem, int column) => column;

        protected override void Pack(int problem, FixedTensor input, int firstColumn, int columnsInBatch, int* panel, int width)
        {
            var perSample = ColumnsPerSample(0);
            var outW = OutputShape.Width;
            var plane = _inHeight * _inWidth;
            // Per column: the sample's base offset and the top-left input coordinate (or -1 past the batch).
            var baseOffset = stackalloc int[width];
            var top = stackalloc int[width];
            var left = stackalloc int[width];
            for (var c = 0; c < width; c++)
            {
                var j = firstColumn + c;
                if (j >= columnsInBatch) { baseOffset[c] = -1; continue; }
                var n = j / perSample;
                var pixel = j % perSample;
                baseOffset[c] = n * input.Shape.Size;
                top[c] = pixel / outW * _strideH - _padTop;
                left[c] = pixel % outW * _strideW - _padLeft;
            }
            fixed (int* x = input.Data)
            {
                var dst = panel;
                for (var ci = 0; ci < _inChannels; ci++)
                    for (var ky = 0; ky < _kernelH; ky++)
                        for (var kx = 0; kx < _kernelW; kx++)
                        {
                            for (var c = 0; c < width; c++)
                            {
                                var iy = top[c] + ky;
                                var ix = left[c] + kx;
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
