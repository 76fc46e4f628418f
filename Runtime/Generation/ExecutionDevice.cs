namespace Wasserforge
{
    /// <summary>Where a generator runs.</summary>
    public enum ExecutionDevice
    {
        /// <summary>
        /// The first that starts among DirectML, CUDA, CoreML and NNAPI, tried only when the loaded ONNX
        /// Runtime reports that provider, else the CPU. The model reports which was chosen and why the
        /// others were skipped (<see cref="GeneratorModel.DeviceReport"/>).
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
    }
}
