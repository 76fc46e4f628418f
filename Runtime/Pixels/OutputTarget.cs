using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Wasserforge.Pixels
{
    /// <summary>
    /// What an output path names on disk: symbolic links are followed to the file they point at, and
    /// the final entry is classified (missing, a regular file, a folder, or something else such as a
    /// device node, FIFO or socket). On Linux and macOS this asks the C library (<c>statx</c> or
    /// <c>lstat</c>, and <c>readlink</c>): .NET has no portable way to tell a device from a file.
    /// On Windows, folders and device names (<c>NUL</c>, <c>\\.\…</c>) are recognised; a symbolic
    /// link is followed where the .NET runtime can read its target.
    /// </summary>
    static class OutputTarget
    {
        /// <summary>What is at a path.</summary>
        internal enum Kind
        {
            /// <summary>Nothing (or it could not be told: the write then proceeds and fails on its own if it must).</summary>
            Missing,
            /// <summary>A regular file.</summary>
            Regular,
            /// <summary>A folder.</summary>
            Folder,
            /// <summary>A device node, FIFO, socket or other special file.</summary>
            Special,
        }

        const int MaxLinks = 40; // as Linux's own limit on a chain of symbolic links

        /// <summary>
        /// Follows <paramref name="fullPath"/> through symbolic links (relative targets are relative to the
        /// link's folder) and returns the path that a write should replace, with what is there now.
        /// </summary>
        /// <exception cref="IOException">A chain of more than 40 links (a loop).</exception>
        internal static string Resolve(string fullPath, out Kind kind, out string what)
        {
            var path = fullPath;
            for (var hop = 0; hop <= MaxLinks; hop++)
            {
                kind = Classify(path, out what, out var link);
                if (link == null) return path;
                path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path) ?? "", link));
            }
            throw new IOException($"{fullPath}: more than {MaxLinks} symbolic links in a row (a link loop?); nothing was written.");
        }

        /// <summary>
        /// The nearest existing folder above <paramref name="fullPath"/> when it is not a folder (a file where a
        /// folder would have to be created), or null when the path can be created.
        /// </summary>
        internal static string FileInTheWay(string fullPath)
        {
            for (var dir = Path.GetDirectoryName(fullPath); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
            {
                if (Directory.Exists(dir)) return null;
                if (File.Exists(dir)) return dir;
            }
            return null;
        }

        static Kind Classify(string path, out string what, out string link)
        {
            link = null;
            what = null;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                var mode = UnixMode(path);
                if (mode < 0) return Directory.Exists(path) ? Kind.Folder : Kind.Missing;
                switch (mode & 0xF000)
                {
                    case 0x8000: return Kind.Regular;
                    case 0x4000: what = "folder"; return Kind.Folder;
                    case 0xA000:
                        link = ReadLink(path);
                        what = "symbolic link whose target cannot be read";
                        return link == null ? Kind.Special : Kind.Regular;
                    case 0x2000: what = "character device"; return Kind.Special;
                    case 0x6000: what = "block device"; return Kind.Special;
                    case 0x1000: what = "FIFO (named pipe)"; return Kind.Special;
                    case 0xC000: what = "socket"; return Kind.Special;
                    default: what = "special file"; return Kind.Special;
                }
            }
            if (path.StartsWith(@"\\.\", StringComparison.Ordinal) || IsWindowsDeviceName(Path.GetFileNameWithoutExtension(path)))
            {
                what = "Windows device name";
                return Kind.Special;
            }
            if (Directory.Exists(path)) { what = "folder"; return Kind.Folder; }
            if (!File.Exists(path)) return Kind.Missing;
            link = WindowsLinkTarget(path);
            return Kind.Regular;
        }

        static bool IsWindowsDeviceName(string name)
        {
            var n = name.ToUpperInvariant();
            if (n == "CON" || n == "PRN" || n == "AUX" || n == "NUL") return true;
            return n.Length == 4 && (n.StartsWith("COM", StringComparison.Ordinal) || n.StartsWith("LPT", StringComparison.Ordinal)) && n[3] >= '1' && n[3] <= '9';
        }

        // FileSystemInfo.LinkTarget exists from .NET 6 on (not in Unity's Mono): null for a plain file,
        // and for reparse points that are not links (cloud placeholders), which are then replaced as files.
        static string WindowsLinkTarget(string path)
        {
            if ((File.GetAttributes(path) & FileAttributes.ReparsePoint) == 0) return null;
            var property = typeof(FileSystemInfo).GetProperty("LinkTarget");
            return property?.GetValue(new FileInfo(path)) as string;
        }

        /// <summary>The st_mode of <paramref name="path"/> itself (links not followed), or -1 when there is none or it cannot be read.</summary>
        static unsafe int UnixMode(string path)
        {
            var buffer = stackalloc byte[512];
            try
            {
                if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
                {
                    // struct statx has the same layout on every architecture: stx_mode is the u16 at byte 28.
                    const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100;
                    const uint StatxType = 1;
                    return Native.statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) == 0 ? *(ushort*)(buffer + 28) : -1;
                }
                // macOS: struct stat starts with a 32-bit st_dev and the 16-bit st_mode, in both inode layouts.
                return Native.lstat(path, buffer) == 0 ? *(ushort*)(buffer + 4) : -1;
            }
            catch (EntryPointNotFoundException) { return -1; }   // a C library older than statx (glibc 2.28)
            catch (DllNotFoundException) { return -1; }
        }

        static string ReadLink(string path)
        {
            var buffer = new byte[4096];
            try
            {
                var n = (long)Native.readlink(path, buffer, (IntPtr)buffer.Length);
                return n > 0 ? Encoding.UTF8.GetString(buffer, 0, (int)n) : null;
            }
            catch (EntryPointNotFoundException) { return null; }
            catch (DllNotFoundException) { return null; }
        }

        static unsafe class Native
        {
            [DllImport("libc", SetLastError = true)]
            public static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte* buffer);

            [DllImport("libc", SetLastError = true)]
            public static extern int lstat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte* buffer);

            [DllImport("libc", SetLastError = true)]
            public static extern IntPtr readlink([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer, IntPtr size);
        }
    }
}
