using System;
using System.Runtime.InteropServices;

namespace Wasserforge.Onnx
{
    /// <summary>The single process-wide <c>OrtEnv</c> and CPU memory info, created on first use and kept for the process's life.</summary>
    internal static class OrtEnvironment
    {
        static readonly object s_lock = new object();
        static OrtHandle s_env;
        static OrtHandle s_cpuMemory;

        /// <summary>The environment (logging at warning level).</summary>
        public static IntPtr Env { get { Init(); return s_env.DangerousGetHandle(); } }

        /// <summary>Memory info describing caller-owned CPU buffers.</summary>
        public static IntPtr CpuMemoryInfo { get { Init(); return s_cpuMemory.DangerousGetHandle(); } }

        static void Init()
        {
            if (s_cpuMemory != null) return;
            lock (s_lock)
            {
                if (s_cpuMemory != null) return;
                var api = OrtApi.Instance;
                var logId = Marshal.StringToHGlobalAnsi("wasserforge");
                try
                {
                    api.ThrowIfFailed(api.CreateEnv(2 /* ORT_LOGGING_LEVEL_WARNING */, logId, out var env));
                    s_env = OrtHandle.Own(env, api.ReleaseEnv);
                }
                finally { Marshal.FreeHGlobal(logId); }
                api.ThrowIfFailed(api.CreateCpuMemoryInfo(1 /* OrtArenaAllocator */, 0 /* OrtMemTypeDefault */, out var mem));
                s_cpuMemory = OrtHandle.Own(mem, api.ReleaseMemoryInfo);
            }
        }
    }
}
