using TorchSharp;
using static TorchSharp.torch;

namespace Wasserforge.Training.Engine
{
    /// <summary>
    /// Random tensors drawn from a CPU <see cref="Generator"/> and then moved to the device, so a seed
    /// gives the same numbers, and the same run, on the CPU and on CUDA (libtorch's CUDA generators
    /// produce different streams, and a CPU generator cannot fill a CUDA tensor).
    /// </summary>
    public static class CpuRandom
    {
        /// <summary>Standard normal values of <paramref name="shape"/> on <paramref name="device"/>.</summary>
        public static Tensor Randn(Generator generator, long[] shape, Device device, ScalarType dtype = ScalarType.Float32) =>
            OnDevice(randn(shape, dtype: dtype, generator: generator), device);

        /// <summary>Uniform [0, 1) values of <paramref name="shape"/> on <paramref name="device"/>.</summary>
        public static Tensor Rand(Generator generator, long[] shape, Device device, ScalarType dtype = ScalarType.Float32) =>
            OnDevice(rand(shape, dtype: dtype, generator: generator), device);

        static Tensor OnDevice(Tensor t, Device device) => device.type == DeviceType.CPU ? t : t.to(device);
    }
}
