using System;
using System.Runtime.InteropServices;
using static Wasserforge.Torch.Native.NativeMethods;

namespace Wasserforge.Torch.Native
{
    /// <summary>Loads the shim once (with a clear error when it is missing), sets the thread count, and turns failed calls into <see cref="TorchException"/>.</summary>
    internal static class Shim
    {
        static readonly object s_lock = new object();
        static volatile bool s_loaded;

        /// <summary>Loads the shim and sets intra-op threads to one per core (Debian's libtorch defaults to 1).</summary>
        /// <exception cref="TorchException">The shim library is missing or cannot be loaded.</exception>
        public static void EnsureLoaded()
        {
            if (s_loaded) return;
            lock (s_lock)
            {
                if (s_loaded) return;
                try
                {
                    Check(wf_set_num_threads(Environment.ProcessorCount));
                }
                catch (DllNotFoundException e)
                {
                    throw new TorchException(
                        "The Wasserforge libtorch shim (libwasserforge_torch) was not found or could not be loaded: build it with Tools~/build-native.sh " +
                        "(needs libtorch: apt-get install libtorch-dev). Loader message: " + e.Message, e);
                }
                s_loaded = true;
            }
        }

        static int s_cudaDevices = -1;

        /// <summary>Checks that <paramref name="device"/> exists before libtorch is asked to use it (libtorch's own message for a CPU-only build is a dispatcher dump).</summary>
        /// <exception cref="TorchException">A CUDA device that this machine or libtorch build does not have.</exception>
        public static void CheckDevice(Device device)
        {
            if (device.Type != DeviceType.CUDA) return;
            EnsureLoaded();
            if (s_cudaDevices < 0) { Check(wf_cuda_device_count(out var n)); s_cudaDevices = n; }
            if (Math.Max(0, device.Index) >= s_cudaDevices)
                throw new TorchException(s_cudaDevices == 0
                    ? $"device {device} was requested but no CUDA device is available (this libtorch build is CPU-only or no GPU is visible); use cpu or torch.resolve_device(\"auto\")."
                    : $"device {device} was requested but only {s_cudaDevices} CUDA device(s) exist.");
        }

        /// <summary>Throws the shim's last error when <paramref name="rc"/> is not 0.</summary>
        /// <exception cref="TorchException">The call failed.</exception>
        public static void Check(int rc)
        {
            if (rc == 0) return;
            throw new TorchException(Clean(Marshal.PtrToStringUTF8(wf_last_error()) ?? "unknown libtorch error"));
        }

        /// <summary>libtorch messages carry "Exception raised from … (most recent call first)" backtraces; keep the user-facing part.</summary>
        static string Clean(string message)
        {
            var cut = message.IndexOf("\nException raised from", StringComparison.Ordinal);
            if (cut > 0) message = message.Substring(0, cut);
            return message.Trim();
        }
    }
}
