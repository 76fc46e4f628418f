using System;
using System.IO;

namespace Wasserforge.Pixels
{
    /// <summary>Writes a file through a temporary file in the same folder and a rename, so readers never see half a file.</summary>
    public static class AtomicFile
    {
        /// <summary>
        /// Writes <paramref name="bytes"/> to <paramref name="path"/> atomically, creating the folder: the bytes go
        /// to a uniquely named temporary file next to the target, which then replaces the target in one rename.
        /// On failure the temporary file is removed and the old target, if any, is left as it was.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="path"/> is empty or invalid.</exception>
        /// <exception cref="IOException">The file cannot be written (the message names it).</exception>
        /// <exception cref="UnauthorizedAccessException">The folder or file is not writable.</exception>
        public static void Write(string path, byte[] bytes)
        {
            if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("an output path is needed.", nameof(path));
            var full = Path.GetFullPath(path);
            var dir = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            if (Directory.Exists(full)) throw new IOException($"{full}: is a folder, not a file.");
            var tmp = Path.Combine(dir ?? "", "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                using (var f = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    f.Write(bytes, 0, bytes.Length);
                    f.Flush(true);
                }
                if (File.Exists(full)) File.Replace(tmp, full, null, true);
                else File.Move(tmp, full);
            }
            catch (IOException e)
            {
                TryDelete(tmp);
                throw new IOException($"{full}: cannot write ({e.Message})", e);
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
