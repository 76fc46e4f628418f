using System;
using System.Globalization;
using System.Linq;
using System.Reflection;
using TorchSharp;
using static TorchSharp.torch;

namespace Wasserforge.Training.Engine
{
    /// <summary>
    /// Picks the TorchSharp device a run trains on (<c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>)
    /// and sets libtorch's thread count, saying in words which device was chosen and why.
    /// </summary>
    public static class TorchDevices
    {
        /// <summary>The libtorch package this build references (<c>cpu</c>, <c>cuda-windows</c> or <c>cuda-linux</c>: the <c>TorchPackage</c> build property).</summary>
        public static string Package =>
            typeof(TorchDevices).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "TorchPackage")?.Value ?? "cpu";

        /// <summary>Uses <paramref name="threads"/> intra-op threads (0: one per core).</summary>
        public static void SetThreads(int threads) => torch.set_num_threads(threads > 0 ? threads : Environment.ProcessorCount);

        /// <summary>
        /// Resolves <paramref name="requested"/>: <c>auto</c> is CUDA device 0 when TorchSharp reports CUDA,
        /// otherwise the CPU. <paramref name="description"/> names the device and the reason, e.g.
        /// "cpu (auto: no CUDA: this build uses TorchSharp-cpu …)".
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="requested"/> is not a device name, or names a CUDA device that does not exist here.</exception>
        public static Device Resolve(string requested, out string description)
        {
            var r = (requested ?? "auto").Trim().ToLowerInvariant();
            var cudaDevices = torch.cuda.is_available() ? torch.cuda.device_count() : 0;
            var threads = torch.get_num_threads();
            if (r == "auto")
            {
                if (cudaDevices > 0)
                {
                    description = $"cuda:0 (auto: TorchSharp reports {cudaDevices} CUDA device{(cudaDevices == 1 ? "" : "s")})";
                    return torch.CUDA;
                }
                description = $"cpu, {threads} threads (auto: {NoCudaReason()})";
                return torch.CPU;
            }
            if (r == "cpu") { description = $"cpu, {threads} threads"; return torch.CPU; }
            var index = 0;
            if (r != "cuda" && !(r.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(r.Substring(5), NumberStyles.None, CultureInfo.InvariantCulture, out index)))
                throw new ArgumentException($"device '{requested}' is not one of auto, cpu, cuda, cuda:N.");
            if (index >= cudaDevices)
                throw new ArgumentException($"device '{requested}' was requested but {(cudaDevices == 0 ? NoCudaReason() : $"TorchSharp reports only {cudaDevices} CUDA device(s)")}.");
            description = $"cuda:{index}";
            return new Device(DeviceType.CUDA, index);
        }

        static string NoCudaReason() => Package == "cpu"
            ? "no CUDA: this build uses TorchSharp-cpu; for an NVIDIA GPU build with -p:TorchPackage=cuda-windows or -p:TorchPackage=cuda-linux"
            : $"TorchSharp-{Package} found no usable CUDA device or driver";
    }
}
