using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.ML.OnnxRuntime;
using Wasserforge.Contract;
using Wasserforge.Generation;
using Wasserforge.Pixels;
using OrtException = Microsoft.ML.OnnxRuntime.OnnxRuntimeException;

namespace Wasserforge.Inference
{
    /// <summary>
    /// A generator on ONNX Runtime's C# API: one <see cref="InferenceSession"/> and a small pool of
    /// <see cref="OrtRunSlot"/>s (one per batch size and concurrent caller), each run through its
    /// <see cref="OrtIoBinding"/>. Thread-safe; on DirectML runs are serialised (DirectML sessions are
    /// not re-entrant). Dispose frees the session and slots once the last run in flight returns.
    /// </summary>
    internal sealed unsafe class OrtEngine : IGeneratorEngine
    {
        /// <summary>Idle slots kept (the least recently used is released beyond this).</summary>
        const int MaxIdleSlots = 8;

        readonly InferenceSession _session;
        readonly object _serial;                       // non-null on DirectML
        readonly object _poolLock = new object();
        readonly OrtRunSlot[] _idle = new OrtRunSlot[MaxIdleSlots];   // oldest first
        int _idleCount;
        int _users = 1;                                // the owner, plus one per run in flight
        int _disposed;
        [ThreadStatic] static float[] t_scratch;
        int _latentDim;
        long[] _sampleShape;
        int _noiseChannels;

        /// <summary>The model's inputs, outputs and metadata as ORT read them (before the contract check).</summary>
        public ModelSignature Signature { get; }

        /// <inheritdoc/>
        public GeneratorDescription Description { get; private set; }

        OrtEngine(InferenceSession session, ExecutionDevice device)
        {
            _session = session;
            _serial = device == ExecutionDevice.DirectML ? new object() : null;
            Signature = new ModelSignature
            {
                Inputs = Read(session.InputNames, session.InputMetadata),
                Outputs = Read(session.OutputNames, session.OutputMetadata),
                Metadata = session.ModelMetadata.CustomMetadataMap,
            };
        }

        /// <summary>Creates the session on the requested device (see <see cref="OrtSessionFactory"/>).</summary>
        /// <exception cref="WasserforgeException">ONNX Runtime cannot be loaded, or an explicitly requested device is unavailable.</exception>
        /// <exception cref="Onnx.OnnxRuntimeException">ORT refused the model.</exception>
        public static OrtEngine Create(byte[] onnx, GeneratorOptions options, out ExecutionDevice device, out string report)
        {
            var session = OrtSessionFactory.Create(onnx, options, out device, out report);
            try { return new OrtEngine(session, device); }
            catch (OrtException e) { session.Dispose(); throw OrtErrors.From(e); }
            catch { session.Dispose(); throw; }
        }

        /// <summary>Called once, before any run, with the contract's reading of <see cref="Signature"/>.</summary>
        public void Prepare(GeneratorDescription description)
        {
            Description = description;
            _latentDim = description.LatentDim;
            _sampleShape = description.IsImage ? new long[] { description.Channels, description.Height, description.Width } : new long[] { description.Channels };
            _noiseChannels = description.IsTexture ? description.NoiseChannels : 0;
        }

        /// <inheritdoc/>
        /// <remarks>Runs into this thread's float buffer (grown, never shrunk), then <see cref="PixelConverter.ToRgba32"/>.</remarks>
        public void RunRgba32(ReadOnlySpan<float> latents, int count, Span<byte> rgba, bool bottomUp, CancellationToken ct)
        {
            var d = Description;
            var length = count * d.ValuesPerSample;
            var scratch = t_scratch;
            if (scratch == null || scratch.Length < length) t_scratch = scratch = new float[length];
            Run(latents, count, scratch, ct);
            PixelConverter.ToRgba32(scratch, count, d.Channels, d.Width, d.Height, rgba, bottomUp, d.ValueMin, d.ValueMax);
        }

        /// <inheritdoc/>
        public void Run(ReadOnlySpan<float> latents, int count, Span<float> output, CancellationToken ct) =>
            RunSlot(latents, count, default, 0, 0, output, ct);

        /// <inheritdoc/>
        public void RunNoise(ReadOnlySpan<float> latents, int count, ReadOnlySpan<float> noise, int noiseHeight, int noiseWidth, Span<float> output, CancellationToken ct)
        {
            if (_noiseChannels == 0) throw new NotSupportedException("the model has no noise input.");
            RunSlot(latents, count, noise, noiseHeight, noiseWidth, output, ct);
        }

        void RunSlot(ReadOnlySpan<float> latents, int count, ReadOnlySpan<float> noise, int noiseHeight, int noiseWidth, Span<float> output, CancellationToken ct)
        {
            if (!TryEnter()) throw new ObjectDisposedException(nameof(GeneratorModel), "the model was disposed.");
            OrtRunSlot slot = null;
            try
            {
                fixed (float* o = output)
                {
                    slot = Rent(count, noiseHeight, noiseWidth, (IntPtr)o);
                    latents.Slice(0, count * _latentDim).CopyTo(slot.Input);
                    if (slot.Noise != null)
                    {
                        // One noise window for the whole batch: the samples differ by their global code.
                        var window = _noiseChannels * noiseHeight * noiseWidth;
                        for (var n = 0; n < count; n++) noise.Slice(0, window).CopyTo(slot.Noise.AsSpan(n * window, window));
                    }
                    try
                    {
                        if (_serial == null) slot.Run(_session, o, ct);
                        else lock (_serial) slot.Run(_session, o, ct);
                    }
                    catch (OrtException e) when (ct.IsCancellationRequested)
                    {
                        var error = OrtErrors.From(e);
                        throw new OperationCanceledException("Generation was cancelled; ONNX Runtime stopped the run: " + error.OrtMessage, error, ct);
                    }
                    catch (OrtException e) { throw OrtErrors.From(e); }
                }
            }
            finally
            {
                if (slot != null) Return(slot);
                Exit();
            }
        }

        /// <summary>
        /// The idle slot for <paramref name="count"/> already bound to <paramref name="output"/>; else a
        /// new slot while the pool has room (so callers that alternate buffers, or threads with their own
        /// buffers, each keep a bound slot); else the least recently used slot for this count, rebound.
        /// </summary>
        OrtRunSlot Rent(int count, int noiseHeight, int noiseWidth, IntPtr output)
        {
            lock (_poolLock)
            {
                var pick = -1;
                for (var i = _idleCount - 1; i >= 0; i--)
                    if (Fits(_idle[i], count, noiseHeight, noiseWidth) && _idle[i].BoundOutput == output) { pick = i; break; }
                if (pick < 0 && _idleCount == MaxIdleSlots)
                    for (var i = 0; i < _idleCount && pick < 0; i++)
                        if (Fits(_idle[i], count, noiseHeight, noiseWidth)) pick = i;
                if (pick >= 0)
                {
                    var slot = _idle[pick];
                    Array.Copy(_idle, pick + 1, _idle, pick, _idleCount - pick - 1);
                    _idle[--_idleCount] = null;
                    return slot;
                }
            }
            try
            {
                if (_noiseChannels == 0) return OrtRunSlot.Create(_session, count, _latentDim, _sampleShape);
                var scale = Description.NoiseScale;
                var shape = new long[] { Description.Channels, (long)noiseHeight * scale, (long)noiseWidth * scale };
                return OrtRunSlot.Create(_session, count, _latentDim, shape, _noiseChannels, noiseHeight, noiseWidth);
            }
            catch (OrtException e) { throw OrtErrors.From(e); }
        }

        static bool Fits(OrtRunSlot slot, int count, int noiseHeight, int noiseWidth) =>
            slot.Count == count && slot.NoiseHeight == noiseHeight && slot.NoiseWidth == noiseWidth;

        void Return(OrtRunSlot slot)
        {
            OrtRunSlot evicted = null;
            lock (_poolLock)
            {
                if (_idleCount == MaxIdleSlots)
                {
                    evicted = _idle[0];
                    Array.Copy(_idle, 1, _idle, 0, --_idleCount);
                }
                _idle[_idleCount++] = slot;
            }
            evicted?.Dispose();
        }

        bool TryEnter()
        {
            while (true)
            {
                if (Volatile.Read(ref _disposed) != 0) return false;
                var users = Volatile.Read(ref _users);
                if (users == 0) return false;
                if (Interlocked.CompareExchange(ref _users, users + 1, users) == users) return true;
            }
        }

        void Exit()
        {
            if (Interlocked.Decrement(ref _users) != 0) return;
            // The last user out (the owner's Dispose, or the last run after it) frees everything.
            lock (_poolLock)
            {
                for (var i = 0; i < _idleCount; i++) { _idle[i].Dispose(); _idle[i] = null; }
                _idleCount = 0;
            }
            _session.Dispose();
        }

        /// <summary>Marks the engine disposed; native resources go when no run is in flight. Safe to call twice.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) Exit();
        }

        static TensorSignature[] Read(IReadOnlyList<string> names, IReadOnlyDictionary<string, NodeMetadata> metadata)
        {
            var result = new TensorSignature[names.Count];
            for (var i = 0; i < result.Length; i++)
            {
                var m = metadata[names[i]];
                if (m.OnnxValueType != OnnxValueType.ONNX_TYPE_TENSOR)
                {
                    result[i] = new TensorSignature(names[i], -1, null);
                    continue;
                }
                var dims = m.Dimensions;
                var shape = new long[dims.Length];
                for (var d = 0; d < dims.Length; d++) shape[d] = dims[d] < 0 ? -1 : dims[d];
                result[i] = new TensorSignature(names[i], (int)m.ElementDataType, shape);
            }
            return result;
        }
    }
}
