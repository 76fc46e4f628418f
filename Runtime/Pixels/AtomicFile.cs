using System.IO;

namespace Wasserforge.Pixels
{
    /// <summary>Writes a file through a temporary file in the same folder and a rename, so readers never see half a file.</summary>
    public static class AtomicFile
    {
        /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically, creating the folder.</summary>
        /// <exception cref="IOException">The file cannot be written.</exception>
        public static void Write(string path, byte[] bytes)
        {
            var full = Path.GetFullPath(path);
            var dir = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            var tmp = full + ".tmp";
            File.WriteAllBytes(tmp, bytes);
            if (File.Exists(full)) File.Delete(full);
            File.Move(tmp, full);
        }
    }
}
