using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Wasserforge.Training.Data
{
    /// <summary>
    /// The folder scan. Links policy: symbolic links (and Windows junctions) to files and folders are followed,
    /// each at most once. Every folder is identified by its resolved path (all links along it resolved), and a
    /// folder already scanned is never entered again, so <c>loop -&gt; .</c> or <c>a/b -&gt; ..</c> end the
    /// walk instead of repeating it. Plain folders are scanned first and links after them, so a folder or file
    /// reached both directly and through a link is taken once, under its own path. A file reached twice
    /// through links is taken once, under the path that sorts first. Broken links, links to folders already
    /// scanned and folders that cannot be listed are skipped and named in the report.
    /// </summary>
    public static partial class ImageFolderLoader
    {
        /// <summary>A file found by the scan: its path under the root (how it is named) and its resolved path.</summary>
        internal readonly record struct ScannedFile(string Path, string ResolvedPath);

        static readonly StringComparer PathComparer = OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

        /// <summary>Every file under <paramref name="root"/>, sorted by path, each real file once; skipped entries go to <paramref name="report"/>.</summary>
        internal static List<ScannedFile> Scan(string root, TextWriter report)
        {
            var rootResolved = ResolvePath(root) ?? Path.GetFullPath(root);
            var scanned = new HashSet<string>(PathComparer) { rootResolved };
            var plain = new List<ScannedFile>();
            var links = new List<string>();
            ScanFolder(root, rootResolved, root, scanned, plain, links, report);
            var linked = new List<ScannedFile>();
            for (var i = 0; i < links.Count; i++)   // grows while linked folders are scanned
            {
                var link = links[i];
                var rel = Path.GetRelativePath(root, link);
                var target = ResolvePath(link);
                if (target == null) { report.WriteLine($"{rel}: skipped, broken link (or a chain of more than {MaxLinkHops} links)"); continue; }
                if (Directory.Exists(target))
                {
                    if (!scanned.Add(target)) { report.WriteLine($"{rel}: skipped, link to a folder already scanned ({target})"); continue; }
                    ScanFolder(link, target, root, scanned, linked, links, report);
                }
                else linked.Add(new ScannedFile(link, target));
            }
            var taken = new Dictionary<string, string>(PathComparer);
            var result = new List<ScannedFile>();
            foreach (var file in plain.Concat(linked.OrderBy(f => f.Path, StringComparer.Ordinal)))
            {
                if (taken.TryGetValue(file.ResolvedPath, out var first))
                {
                    report.WriteLine($"{Path.GetRelativePath(root, file.Path)}: skipped, the same file as {Path.GetRelativePath(root, first)} (through a link)");
                    continue;
                }
                taken.Add(file.ResolvedPath, file.Path);
                result.Add(file);
            }
            result.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
            return result;
        }

        /// <summary>Adds the plain files under <paramref name="folder"/> (recursively through plain folders, each marked in <paramref name="scanned"/>) and queues its links.</summary>
        static void ScanFolder(string folder, string resolved, string root, HashSet<string> scanned, List<ScannedFile> files, List<string> links, TextWriter report)
        {
            FileSystemInfo[] entries;
            try { entries = new DirectoryInfo(folder).GetFileSystemInfos(); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                report.WriteLine($"{Path.GetRelativePath(root, folder)}: skipped, cannot list the folder ({e.Message})");
                return;
            }
            Array.Sort(entries, (a, b) => string.CompareOrdinal(a.Name, b.Name));
            foreach (var entry in entries)
            {
                var path = Path.Combine(folder, entry.Name);
                if ((entry.Attributes & FileAttributes.ReparsePoint) != 0 && entry.LinkTarget != null) links.Add(path);
                else if (entry is DirectoryInfo)
                {
                    var child = Path.Combine(resolved, entry.Name);
                    if (scanned.Add(child)) ScanFolder(path, child, root, scanned, files, links, report);
                }
                else files.Add(new ScannedFile(path, Path.Combine(resolved, entry.Name)));
            }
        }

        /// <summary>At most this many links are resolved for one path (as Linux's ELOOP limit).</summary>
        const int MaxLinkHops = 40;

        /// <summary>
        /// The absolute path with every link along it resolved, component by component (".." applies to the
        /// resolved parent, as the operating system does); null when a component does not exist or more than
        /// <see cref="MaxLinkHops"/> links are met.
        /// </summary>
        internal static string ResolvePath(string path)
        {
            var full = Path.IsPathRooted(path) ? path : Path.Combine(Directory.GetCurrentDirectory(), path);
            var current = Path.GetPathRoot(full);
            var pending = new Stack<string>();
            Push(pending, full.Substring(current.Length));
            var hops = 0;
            while (pending.Count > 0)
            {
                var part = pending.Pop();
                if (part.Length == 0 || part == ".") continue;
                if (part == "..") { current = Path.GetDirectoryName(current) ?? current; continue; }
                var next = Path.Combine(current, part);
                var info = new FileInfo(next);
                string target;
                try { target = info.LinkTarget; }
                catch (IOException) { return null; }
                catch (UnauthorizedAccessException) { return null; }
                if (target == null)
                {
                    if (!info.Exists && !Directory.Exists(next)) return null;
                    current = next;
                    continue;
                }
                if (++hops > MaxLinkHops) return null;
                if (Path.IsPathRooted(target))
                {
                    current = Path.GetPathRoot(target);
                    Push(pending, target.Substring(current.Length));
                }
                else Push(pending, target);
            }
            return current;
        }

        static void Push(Stack<string> pending, string relative)
        {
            var parts = relative.Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar });
            for (var i = parts.Length - 1; i >= 0; i--) pending.Push(parts[i]);
        }
    }
}
