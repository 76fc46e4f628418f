using System.Collections.Concurrent;
using System.IO;
using System.Reflection;

namespace Wasserforge.Studio.Hosting
{
    /// <summary>The page's files, embedded in the assembly (<c>wwwroot/</c>): no files to deploy, no CDN.</summary>
    static class StaticAssets
    {
        static readonly ConcurrentDictionary<string, byte[]> s_cache = new ConcurrentDictionary<string, byte[]>();

        /// <summary>The bytes of <c>wwwroot/<paramref name="name"/></c>, or null when there is no such file.</summary>
        public static byte[] Get(string name)
        {
            if (string.IsNullOrEmpty(name) || name.Contains("..")) return null;
            return s_cache.GetOrAdd(name, n =>
            {
                using var stream = typeof(StaticAssets).Assembly.GetManifestResourceStream("wwwroot/" + n);
                if (stream == null) return null;
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            });
        }

        /// <summary>Content type by extension.</summary>
        public static string ContentType(string name) => Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".png" => "image/png",
            _ => "application/octet-stream",
        };
    }
}
