using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Wasserforge.Onnx
{
    /// <summary>
    /// Where the loaded ONNX Runtime library lives, so that optional provider libraries (CUDA) can
    /// be looked for beside it before ORT is asked to load them.
    /// </summary>
    internal static class OrtLibraryLocation
    {
        /// <summary>Folders that may hold ORT's provider libraries: the loaded ORT library's folder first, then the app and assembly folders.</summary>
        public static IEnumerable<string> SearchDirectories()
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var loaded = LoadedLibraryDirectory();
            if (loaded != null && seen.Add(loaded)) yield return loaded;
            var app = AppContext.BaseDirectory;
            if (!string.IsNullOrEmpty(app) && seen.Add(Path.GetFullPath(app))) yield return Path.GetFullPath(app);
            var asm = Path.GetDirectoryName(typeof(OrtLibraryLocation).Assembly.Location);
            if (!string.IsNullOrEmpty(asm) && seen.Add(Path.GetFullPath(asm))) yield return Path.GetFullPath(asm);
        }

        /// <summary>The first of <paramref name="fileName"/> found in <see cref="SearchDirectories"/>, or null.</summary>
        public static string Find(string fileName)
        {
            foreach (var dir in SearchDirectories())
            {
                var path = Path.Combine(dir, fileName);
                if (File.Exists(path)) return path;
            }
            return null;
        }

        /// <summary>The folder of the ORT library mapped into this process (Linux: /proc/self/maps; Windows: the module handle), or null.</summary>
        public static string LoadedLibraryDirectory()
        {
            _ = OrtApi.Instance;   // make sure the library is loaded
            try
            {
                if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return WindowsModuleDirectory();
                if (File.Exists("/proc/self/maps")) return LinuxMappedDirectory();
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is EntryPointNotFoundException || e is DllNotFoundException)
            {
                // Unknown: the caller falls back to the app folders.
            }
            return null;
        }

        static string LinuxMappedDirectory()
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                var slash = line.IndexOf('/');
                if (slash < 0) continue;
                var path = line.Substring(slash);
                var name = Path.GetFileName(path);
                if (name.StartsWith("libonnxruntime.so", StringComparison.Ordinal)) return Path.GetDirectoryName(path);
            }
            return null;
        }

        [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
        static extern IntPtr GetModuleHandleW(string name);

        [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
        static extern int GetModuleFileNameW(IntPtr module, StringBuilder path, int size);

        static string WindowsModuleDirectory()
        {
            var module = GetModuleHandleW("onnxruntime.dll");
            if (module == IntPtr.Zero) return null;
            var sb = new StringBuilder(1024);
            var n = GetModuleFileNameW(module, sb, sb.Capacity);
            return n > 0 ? Path.GetDirectoryName(sb.ToString(0, n)) : null;
        }
    }
}
