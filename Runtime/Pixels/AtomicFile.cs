using System;
using System.IO;

namespace Wasserforge.Pixels
{
    /// <summary>
    /// Writes a file through a temporary file in the same folder and a rename, so readers never see half
    /// a file. Only regular files are ever replaced: a folder, a device node (<c>/dev/full</c>), a FIFO or a
    /// socket at the destination is refused. A symbolic link is written through: the file it points at
    /// is replaced and the link stays a link (a dangling link gets its target created).
    /// </summary>
    public static class AtomicFile
    {
        /// <summary>
        /// Writes <paramref name="bytes"/> to <paramref name="path"/> atomically, creating the folder: the bytes go
        /// to a uniquely named temporary file next to the target, which then replaces the target in one rename.
        /// When <paramref name="path"/> is a symbolic link, the target is the file the link points at.
        /// On failure the temporary file is removed and the old target, if any, is left as it was.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="path"/> is empty or invalid.</exception>
        /// <exception cref="IOException">
        /// The destination is a folder, a device, a FIFO, a socket, a link loop or below a file (nothing is
        /// written), or the file cannot be written; the message names it.
        /// </exception>
        /// <exception cref="UnauthorizedAccessException">The folder or file is not writable.</exception>
        public static void Write(string path, byte[] bytes)
        {
            if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("an output path is needed.", nameof(path));
            var full = Path.GetFullPath(path);
            var target = OutputTarget.Resolve(full, out var kind, out var what);
            var named = target == full ? full : $"{full} (a link to {target})";
            if (kind == OutputTarget.Kind.Folder) throw new IOException($"{named}: is a folder, not a file.");
            if (kind == OutputTarget.Kind.Special)
                throw new IOException($"{named}: is a {what}, not a regular file; outputs only replace regular files, so nothing was written (give a file path).");
            var blocker = OutputTarget.FileInTheWay(target);
            if (blocker != null) throw new IOException($"{named}: {blocker} is a file, not a folder, so nothing can be written below it.");
            var dir = Path.GetDirectoryName(target);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            var tmp = Path.Combine(dir ?? "", "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                using (var f = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    f.Write(bytes, 0, bytes.Length);
                    f.Flush(true);
                }
                if (File.Exists(target)) File.Replace(tmp, target, null, true);
                else File.Move(tmp, target);
            }
            catch (IOException e)
            {
                TryDelete(tmp);
                throw new IOException($"{named}: cannot write ({e.Message})", e);
            }
            catch
            {
                TryDelete(tmp);
                throw;
            }
        }

        static void TryDelete(string file)
        {
            try { if (File.Exists(file)) File.Delete(file); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
