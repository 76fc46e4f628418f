using System;
using System.Threading;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Wasserforge.Contract;

namespace Wasserforge.Inference
{
    /// <summary>
    /// Everything one run of a given shape needs, built once and reused: pinned input buffers (the latents,
    /// and for texture models a window of local noise) with their <see cref="OrtValue"/>s, an
    /// <see cref="OrtIoBinding"/> and its own <see cref="RunOptions"/> (whose terminate flag cancels the run).
    /// The output is bound straight to the caller's pinned buffer, and rebound only when the caller passes a
    /// different buffer, so a steady caller costs the input copies and no managed allocation per run. Used by
    /// one thread at a time (see <see cref="OrtEngine"/>).
    /// </summary>
    internal sealed unsafe class OrtRunSlot : IDisposable
    {
        static readonly Action<object> s_terminate = options => ((RunOptions)options).Terminate = true;

        readonly OrtValue _input;
        readonly OrtValue _noiseValue;
        readonly OrtIoBinding _binding;
        readonly RunOptions _runOptions;
        readonly long[] _outputShape;
        readonly long _outputBytes;
        OrtValue _output;

        /// <summary>The batch size this slot runs.</summary>
        public int Count { get; }
        /// <summary>Noise window height in cells (0 for models without a noise input).</summary>
        public int NoiseHeight { get; }
        /// <summary>Noise window width in cells (0 for models without a noise input).</summary>
        public int NoiseWidth { get; }
        /// <summary>The pinned latent buffer the model reads (count × latent_dim floats).</summary>
        public float[] Input { get; }
        /// <summary>The pinned noise buffer (count × noise_channels × NoiseHeight × NoiseWidth floats), or null.</summary>
        public float[] Noise { get; }
        /// <summary>The caller buffer the output is bound to now (zero before the first run).</summary>
        public IntPtr BoundOutput { get; private set; }

        OrtRunSlot(int count, int noiseHeight, int noiseWidth, float[] input, OrtValue inputValue, float[] noise, OrtValue noiseValue,
                   OrtIoBinding binding, RunOptions runOptions, long[] outputShape, long outputBytes)
        {
            Count = count;
            NoiseHeight = noiseHeight;
            NoiseWidth = noiseWidth;
            Input = input;
            _input = inputValue;
            Noise = noise;
            _noiseValue = noiseValue;
            _binding = binding;
            _runOptions = runOptions;
            _outputShape = outputShape;
            _outputBytes = outputBytes;
        }

        /// <summary>A slot for batches of <paramref name="count"/> of a model without a noise input.</summary>
        public static OrtRunSlot Create(InferenceSession session, int count, int latentDim, long[] sampleShape) =>
            Create(session, count, latentDim, sampleShape, 0, 0, 0);

        /// <summary>
        /// A slot for batches of <paramref name="count"/>; when <paramref name="noiseChannels"/> is positive, also
        /// for a noise window of <paramref name="noiseHeight"/> × <paramref name="noiseWidth"/> cells (the
        /// sample shape's last two dimensions are then the output's H and W).
        /// </summary>
        public static OrtRunSlot Create(InferenceSession session, int count, int latentDim, long[] sampleShape, int noiseChannels, int noiseHeight, int noiseWidth)
        {
            var outputShape = new long[sampleShape.Length + 1];
            outputShape[0] = count;
            long perSample = 1;
            for (var i = 0; i < sampleShape.Length; i++) { outputShape[i + 1] = sampleShape[i]; perSample *= sampleShape[i]; }
            var input = new float[count * latentDim];
            var noise = noiseChannels > 0 ? new float[checked(count * noiseChannels * noiseHeight * noiseWidth)] : null;
            OrtValue inputValue = null;
            OrtValue noiseValue = null;
            OrtIoBinding binding = null;
            RunOptions runOptions = null;
            try
            {
                inputValue = OrtValue.CreateTensorValueFromMemory(input, new long[] { count, latentDim });
                binding = session.CreateIoBinding();
                binding.BindInput(ModelContract.InputName, inputValue);
                if (noise != null)
                {
                    noiseValue = OrtValue.CreateTensorValueFromMemory(noise, new long[] { count, noiseChannels, noiseHeight, noiseWidth });
                    binding.BindInput(ModelContract.NoiseInputName, noiseValue);
                }
                runOptions = new RunOptions();
                return new OrtRunSlot(count, noise != null ? noiseHeight : 0, noise != null ? noiseWidth : 0, input, inputValue, noise, noiseValue,
                                      binding, runOptions, outputShape, count * perSample * sizeof(float));
            }
            catch
            {
                runOptions?.Dispose();
                binding?.Dispose();
                noiseValue?.Dispose();
                inputValue?.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Runs the model on <see cref="Input"/> (and <see cref="Noise"/>) into <paramref name="output"/> (pinned
        /// by the caller for the call, the output shape's floats). When <paramref name="ct"/> fires, also before
        /// the run starts, the terminate flag makes ORT stop the run, which fails with ORT's exception.
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
            _noiseValue?.Dispose();
            _input.Dispose();
            _runOptions.Dispose();
        }
    }
}
