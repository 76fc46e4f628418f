using System;

namespace Wasserforge.Deterministic
{
    /// <summary>
    /// How one matrix product of a convolution reads its input without packing: output position (a, b)
    /// of the product's grid takes tap t from input (a + Dy[t], b + Dx[t]) of channel Channel[t], with
    /// consecutive b reading consecutive input columns (stride 1 in the input).
    /// </summary>
    internal sealed class DirectLayout
    {
        public readonly int Rows, Width;
        public readonly int[] Channel, Dy, Dx;

        public DirectLayout(int rows, int width, int[] channel, int[] dy, int[] dx)
        {
            Rows = rows;
            Width = width;
            Channel = channel;
            Dy = dy;
            Dx = dx;
        }
    }

    /// <summary>
    /// A copy of a convolution's input with zero margins wide enough that every tap of every
    /// <see cref="DirectLayout"/> reads inside the buffer (zeros outside the image), plus slack at the
    /// end for vector reads past the last column. Margins are written once and stay zero.
    /// </summary>
    internal sealed class PaddedInput
    {
        readonly TensorShape _shape;
        readonly Action<int> _copy;
        public readonly int Top, Left, Height, Width, SampleSize;
        int[] _buffer = Array.Empty<int>();
        FixedTensor _input;

        public PaddedInput(TensorShape input, DirectLayout[] layouts, int slack)
        {
            _shape = input;
            int minY = 0, minX = 0, maxY = input.Height, maxX = input.Width;   // exclusive bounds of what is read
            foreach (var l in layouts)
            {
                if (l == null || l.Channel.Length == 0) continue;
                for (var t = 0; t < l.Dy.Length; t++)
                {
                    minY = Math.Min(minY, l.Dy[t]);
                    minX = Math.Min(minX, l.Dx[t]);
                    maxY = Math.Max(maxY, l.Rows - 1 + l.Dy[t] + 1);
                    maxX = Math.Max(maxX, l.Width - 1 + l.Dx[t] + 1);
                }
            }
            Top = -minY;
            Left = -minX;
            Height = maxY - minY;
            Width = maxX - minX;
            SampleSize = input.Channels * Height * Width + slack;
            _copy = CopyItem;
        }

        /// <summary>The padded samples (valid after <see cref="Fill"/>).</summary>
        public int[] Buffer => _buffer;

        /// <summary>Offset of tap t relative to the padded position of output (0, 0) for each tap of <paramref name="layout"/>.</summary>
        public int[] Offsets(DirectLayout layout)
        {
            var o = new int[layout.Channel.Length];
            for (var t = 0; t < o.Length; t++) o[t] = (layout.Channel[t] * Height + Top + layout.Dy[t]) * Width + Left + layout.Dx[t];
            return o;
        }

        /// <summary>Copies the batch into the padded buffer, one (sample, channel) plane per work item.</summary>
        public void Fill(ExecutionState state, FixedTensor input)
        {
            var need = (long)state.Count * SampleSize;
            if (_buffer.Length < need) _buffer = new int[need];
            _input = input;
            state.Pool.Run(_copy, state.Count * _shape.Channels, (long)state.Count * _shape.Size);
            _input = null;
        }

        void CopyItem(int item)
        {
            var n = item / _shape.Channels;
            var c = item % _shape.Channels;
            int h = _shape.Height, w = _shape.Width;
            var src = n * _shape.Size + c * h * w;
            var dst = n * SampleSize + (c * Height + Top) * Width + Left;
            for (var y = 0; y < h; y++) Array.Copy(_input.Data, src + y * w, _buffer, dst + y * Width, w);
        }
    }
}
