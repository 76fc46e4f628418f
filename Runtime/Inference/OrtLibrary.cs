using System;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace Wasserforge.Inference
{
    /// <summary>
    /// The loaded ONNX Runtime: its version and the execution providers it reports, read once per
    /// process through ORT's process-wide <see cref="OrtEnv"/> (owned by ORT's C# API, never by us).
    /// A missing or unloadable native library becomes one <see cref="WasserforgeException"/> that says
    /// where ONNX Runtime comes from.
    /// </summary>
    internal static class OrtLibrary
    {
        static readonly object s_lock = new object();
        static string[] s_providers;
        static string s_version;

        /// <summary>ORT's version, e.g. "1.31.0".</summary>
        /// <exception cref="WasserforgeException">ONNX Runtime's native library cannot be loaded.</exception>
        public static string Version { get { Load(); return s_version; } }

        /// <summary>The execution providers compiled into the loaded library, e.g. "CPUExecutionProvider".</summary>
        /// <exception cref="WasserforgeException">ONNX Runtime's native library cannot be loaded.</exception>
        public static string[] AvailableProviders { get { Load(); return s_providers; } }

        /// <summary>True when the loaded library reports <paramref name="provider"/>.</summary>
        public static bool Reports(string provider) => Array.IndexOf(AvailableProviders, provider) >= 0;

        static void Load()
        {
            if (s_providers != null) return;
            lock (s_lock)
            {
                if (s_providers != null) return;
                try
                {
                    var env = OrtEnv.Instance();
                    s_version = env.GetVersionString();
                    s_providers = env.GetAvailableProviders();
                }
                catch (Exception e) when (IsLoadFailure(e))
                {
                    var cause = e is TypeInitializationException && e.InnerException != null ? e.InnerException : e;
                    throw new WasserforgeException(
                        $"ONNX Runtime's native library could not be loaded on {RuntimeInformation.OSDescription.Trim()} ({RuntimeInformation.ProcessArchitecture}): {cause.GetType().Name}: {cause.Message} " +
                        "In Unity it comes from the package com.github.asus4.onnxruntime (Documentation~/unity.md lists the platforms it ships); " +
                        "in .NET from the NuGet package Microsoft.ML.OnnxRuntime.", cause);
                }
            }
        }

        static bool IsLoadFailure(Exception e) =>
            e is DllNotFoundException || e is EntryPointNotFoundException || e is BadImageFormatException
            || (e is TypeInitializationException && e.InnerException != null && IsLoadFailure(e.InnerException));
    }
}
