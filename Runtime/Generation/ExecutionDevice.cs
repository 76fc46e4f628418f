namespace Wasserforge
{
    /// <summary>Where a generator runs.</summary>
    public enum ExecutionDevice
    {
        /// <summary>DirectML on Windows, else CUDA where its provider libraries exist, else CPU. The model reports which was chosen and why the others were skipped.</summary>
        Auto,
        /// <summary>ONNX Runtime's CPU provider (everywhere).</summary>
        Cpu,
        /// <summary>DirectML (Windows, any DirectX 12 GPU).</summary>
        DirectML,
        /// <summary>CUDA (NVIDIA GPUs; needs ONNX Runtime's CUDA provider libraries next to the ORT library).</summary>
        Cuda,
    }
}
