using System;
using System.Threading.Tasks;
using Wasserforge.Pixels;

namespace Wasserforge.Studio.Explorer
{
    /// <summary>One rendered grid: its version, the RGBA pixels being generated, and each cell's PNG encoded once on demand.</summary>
    sealed class GridRender
    {
        readonly byte[][] _png;
        readonly int _width, _height;

        public GridRender(int version, int count, int width, int height, Task<byte[]> pixels)
        {
            Version = version;
            Count = count;
            _width = width;
            _height = height;
            Pixels = pixels;
            _png = new byte[count][];
            var clock = System.Diagnostics.Stopwatch.StartNew();
            pixels.ContinueWith(_ => RenderMs = clock.Elapsed.TotalMilliseconds, TaskContinuationOptions.ExecuteSynchronously);
        }

        /// <summary>Milliseconds from the request to the rendered pixels (0 until done), for benchmarks.</summary>
        public double RenderMs { get; private set; }

        public int Version { get; }
        public int Count { get; }
        /// <summary>count × width × height × 4 bytes, rows top-down.</summary>
        public Task<byte[]> Pixels { get; }

        /// <summary>The PNG of one cell (waits for the render).</summary>
        public async Task<byte[]> CellPngAsync(int cell)
        {
            var rgba = await Pixels.ConfigureAwait(false);
            var png = _png[cell];
            if (png != null) return png;
            var size = _width * _height * 4;
            png = PngEncoder.Encode(new ReadOnlySpan<byte>(rgba, cell * size, size), _width, _height, 4);
            _png[cell] = png;
            return png;
        }
    }
}
