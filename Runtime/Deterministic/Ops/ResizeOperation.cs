namespace Wasserforge.Deterministic
{
    /// <summary>
    /// ONNX Resize, mode nearest with integer scales on H and W (coordinate_transformation_mode
    /// asymmetric, nearest_mode floor: PyTorch's nearest upsampling): out[c, y, x] = in[c, ⌊y/s_h⌋, ⌊x/s_w⌋].
    /// </summary>
    internal sealed class ResizeOperation : Operation
    {
        readonly TensorShape _inShape;
        readonly int _scaleH, _scaleW;

        public ResizeOperation(string label, int input, int output, TensorShape inShape, int scaleH, int scaleW)
            : base(label, new[] { input }, output, new TensorShape(inShape.Channels, inShape.Height * scaleH, inShape.Width * scaleW))
        {
            _inShape = inShape;
            _scaleH = scaleH;
            _scaleW = scaleW;
        }

        public override void Run(ExecutionState state)
        {
            var input = state.Input(this, 0);
            var output = state.Output(this);
            var x = input.Data;
            var y = output.Data;
            int inW = _inShape.Width, outH = OutputShape.Height, outW = OutputShape.Width;
            for (var n = 0; n < state.Count; n++)
            {
                output.Exponents[n] = input.Exponents[n];
                for (var c = 0; c < _inShape.Channels; c++)
                {
                    var src = n * _inShape.Size + c * _inShape.Height * inW;
                    var dst = n * OutputShape.Size + c * outH * outW;
                    for (var oy = 0; oy < outH; oy++)
                    {
                        var row = src + oy / _scaleH * inW;
                        for (var ox = 0; ox < outW; ox++) y[dst++] = x[row + ox / _scaleW];
                    }
                }
            }
        }
    }
}
