namespace Wasserforge
{
    /// <summary>Where a generator runs.</summary>
    public enum ExecutionDevice
    {
        /// <summary>
        /// The first that starts among DirectML, CUDA, CoreML and NNAPI, tried only when the loaded ONNX
        /// Runtime reports that provider, else the CPU. The model reports which was chosen and why the
        /// others were skipped (<see cref="GeneratorModel.DeviceReport"/>). Never picks
        /// <see cref="Deterministic"/>: ask for it explicitly.
        /// </summary>
        Auto,
        /// <summary>ONNX Runtime's CPU provider (everywhere).</summary>
        Cpu,
        /// <summary>DirectML (Windows, any DirectX 12 GPU; needs an ONNX Runtime build with DirectML).</summary>
        DirectML,
        /// <summary>CUDA (NVIDIA GPUs on Windows and Linux; needs ONNX Runtime's CUDA provider and the NVIDIA CUDA and cuDNN libraries it was built for).</summary>
        Cuda,
        /// <summary>CoreML (macOS and iOS; the Apple Neural Engine or GPU where CoreML supports the model's operators).</summary>
        CoreML,
        /// <summary>NNAPI (Android's Neural Networks API).</summary>
        Nnapi,
        /// <summary>
        /// Wasserforge's own integer engine (<see cref="Wasserforge.Deterministic.DeterministicGenerator"/>,
        /// algorithm <see cref="Wasserforge.Deterministic.DeterministicGenerator.Algorithm"/>): the same latent
        /// gives bit-identical pixels on every CPU, runtime and thread count. Runs on the CPU, in plain C#,
        /// without ONNX Runtime (its native library is never loaded), and only the operators the trainer's
        /// exporter writes; other models are refused with <see cref="ModelLoadError.UnsupportedOperator"/>.
        /// Values differ slightly from ONNX Runtime's floats (fixed point; at most one 8-bit level).
        /// </summary>
        Deterministic,
    }
}
