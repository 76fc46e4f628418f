using System;
using System.Threading;
using System.Threading.Tasks;

namespace Wasserforge.Explorer
{
    /// <summary>
    /// Generates explorer images off the calling thread, in batches, and cancels the previous request
    /// when a new one arrives (the user moved on). Results are RGBA32, rows top-down.
    /// </summary>
    public sealed class ExplorerRenderer : IDisposable
    {
        readonly GeneratorModel _model;
        readonly int _batch;
        readonly object _lock = new object();
        CancellationTokenSource _current;

        /// <summary>Renders with <paramref name="model"/> (not owned) in batches of <paramref name="batchSize"/>.</summary>
        public ExplorerRenderer(GeneratorModel model, int batchSize = 16)
        {
            _model = model ?? throw new ArgumentNullException(nameof(model));
            _batch = Math.Max(1, batchSize);
        }

        /// <summary>Bytes per image.</summary>
        public int BytesPerImage => _model.Width * _model.Height * 4;

        /// <summary>
        /// Renders <paramref name="count"/> latents; a later call cancels this one, which then throws
        /// <see cref="OperationCanceledException"/>. <paramref name="onBatch"/> (optional) reports progress
        /// as (images done, total) from the worker thread. <paramref name="bottomUp"/> writes rows bottom-up (Unity textures).
        /// </summary>
        public Task<byte[]> RenderAsync(float[] latents, int count, Action<int, int> onBatch = null, CancellationToken external = default, bool bottomUp = false)
        {
            CancellationTokenSource cts;
            lock (_lock)
            {
                _current?.Cancel();
                cts = _current = CancellationTokenSource.CreateLinkedTokenSource(external);
            }
            var token = cts.Token;
            return Task.Run(() =>
            {
                var rgba = new byte[count * BytesPerImage];
                for (var start = 0; start < count; start += _batch)
                {
                    token.ThrowIfCancellationRequested();
                    var n = Math.Min(_batch, count - start);
                    _model.GenerateRgba32(new ReadOnlySpan<float>(latents, start * _model.LatentDim, n * _model.LatentDim), n,
                                          new Span<byte>(rgba, start * BytesPerImage, n * BytesPerImage), bottomUp);
                    onBatch?.Invoke(start + n, count);
                }
                token.ThrowIfCancellationRequested();
                return rgba;
            }, token);
        }

        /// <summary>Cancels whatever is rendering.</summary>
        public void Dispose()
        {
            lock (_lock) _current?.Cancel();
        }
    }
}
