using System;
using System.Threading;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Wasserforge.Contract;

namespace Wasserforge.Inference
{
    /// <summary>
    /// Everything one run of a given batch size needs, built once and reused: a pinned latent buffer
    /// with its <see cref="OrtValue"/>, an <see cref="OrtIoBinding"/> and its own <see cref="RunOptions"/>
    /// (whose terminate flag cancels the run). The output is bound straight to the caller's pinned
    /// buffer, and rebound only when the caller passes a different buffer, so a steady caller costs one
    /// latent copy and no managed allocation per run. Used by one thread at a time (see <see cref="OrtEngine"/>).
    /// </summary>
    internal sealed unsafe class OrtRunSlot : IDisposable
    {
        static readonly Action<object> s_terminate = options => ((RunOptions)options).Terminate = true;

        readonly OrtValue _input;
        readonly OrtIoBinding _binding;
        readonly RunOptions _runOptions;
        readonly long[] _outputShape;
        readonly long _outputBytes;
        OrtValue _output;

        /// <summary>The batch size this slot runs.</summary>
        public int Count { get; }
        /// <summary>The pinned latent buffer the model reads (count × latent_dim floats).</summary>
        public float[] Input { get; }
        /// <summary>The caller buffer the output is bound to now (zero before the first run).</summary>
        public IntPtr BoundOutput { get; private set; }

        OrtRunSlot(int count, float[] input, OrtValue inputValue, OrtIoBinding binding, RunOptions runOptions, long[] outputShape, long outputBytes)
        {
            Count = count;
            Input = input;
            _input = inputValue;
            _binding = binding;
            _runOptions = runOptions;
            _outputShape = outputShape;
            _outputBytes = outputBytes;
        }

        /// <summary>A slot for batches of <paramref name="count"/>.</summary>
        public static OrtRunSlot Create(InferenceSession session, int count, int latentDim, long[] sampleShape)
        {
            var outputShape = new long[sampleShape.Length + 1];
            outputShape[0] = count;
            long perSample = 1;
            for (var i = 0; i < sampleShape.Length; i++) { outputShape[i + 1] = sampleShape[i]; perSample *= sampleShape[i]; }
            var input = new float[count * latentDim];
            OrtValue inputValue = null;
            OrtIoBinding binding = null;
            RunOptions runOptions = null;
            try
            {
                inputValue = OrtValue.CreateTensorValueFromMemory(input, new long[] { count, latentDim });
                binding = session.CreateIoBinding();
                binding.BindInput(ModelContract.InputName, inputValue);
                runOptions = new RunOptions();
                return new OrtRunSlot(count, input, inputValue, binding, runOptions, outputShape, count * perSample * sizeof(float));
            }
            catch
            {
                runOptions?.Dispose();
                binding?.Dispose();
                inputValue?.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Runs the model on <see cref="Input"/> into <paramref name="output"/> (pinned by the caller for
        /// the call, count × one sample's floats). When <paramref name="ct"/> fires, also before the run
        /// starts, the terminate flag makes ORT stop the run, which fails with ORT's exception.
        /// </summary>
        /// <exception cref="Microsoft.ML.OnnxRuntime.OnnxRuntimeException">ORT failed or was terminated.</exception>
        public void Run(InferenceSession session, float* output, CancellationToken ct)
        {
            if ((IntPtr)output != BoundOutput) BindOutput(output);
            if (!ct.CanBeCanceled)
            {
                session.RunWithBinding(_runOptions, _binding);
                return;
            }
            var registration = ct.Register(s_terminate, _runOptions);
            try { session.RunWithBinding(_runOptions, _binding); }
            finally
            {
                // Dispose waits for a callback in progress, so the flag is cleared after any late set.
                registration.Dispose();
                _runOptions.Terminate = false;
            }
        }

        void BindOutput(float* output)
        {
            var value = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, TensorElementType.Float, _outputShape, (IntPtr)output, _outputBytes);
            try { _binding.BindOutput(ModelContract.OutputName, value); }
            catch { value.Dispose(); throw; }
            _output?.Dispose();
            _output = value;
            BoundOutput = (IntPtr)output;
        }

        /// <summary>Releases the binding, the values and the run options (the caller's output memory is not ours).</summary>
        public void Dispose()
        {
            _binding.Dispose();
            _output?.Dispose();
            _input.Dispose();
            _runOptions.Dispose();
        }
    }
}
