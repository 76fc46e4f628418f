using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Wasserforge.Training.Config;
using Wasserforge.Training.Data.Decoding;

namespace Wasserforge.Training.Data
{
    /// <summary>
    /// How images become training samples:
    /// <list type="number">
    /// <item>Files are found recursively (sorted by path; links followed once, see <see cref="Scan"/>) and decoded by <see cref="ImageDecoder"/> (ImageSharp) to 8-bit RGBA within <see cref="DecodeLimits.Default"/> (16-bit PNGs are scaled to 8 bits; gray and palette are expanded).</item>
    /// <item>With <c>atlas: WxH</c> each image is sliced on that grid; a cell is skipped when it is fully transparent or uniform (every pixel the same: an empty slot).</item>
    /// <item>A square is cropped (centre, or a seeded random position per image) and resized to <c>size</c> with an area (box) filter,
    /// averaging colour premultiplied by alpha so transparent pixels do not bleed their hidden colour.</item>
    /// <item>Channels: 4 keeps straight alpha and sets the colour of fully transparent pixels to black, so the generator never learns
    /// garbage hidden colours; 3 drops alpha; 1 is Rec. 601 luma. Values map from 0…255 to −1…1.</item>
    /// </list>
    /// Images smaller than <c>size</c> are skipped as too small. The result is cached under the run's cache folder, keyed by the
    /// file list, sizes, modification times and settings.
    /// </summary>
    public static partial class ImageFolderLoader
    {
        static ImageDataset LoadCore(string path, DataConfig d, string cacheDirectory, TextWriter report)
        {
            var single = File.Exists(path);
            var scanReport = new ReportLog(TextWriter.Null);
            var files = single ? new List<ScannedFile> { new ScannedFile(path, ResolvePath(path) ?? path) } : Scan(path, scanReport);
            var key = CacheKey(files, d);
            var cacheFile = cacheDirectory == null ? null : Path.Combine(cacheDirectory, $"images-{key}.bin");
            if (cacheFile != null && File.Exists(cacheFile))
            {
                var cached = ReadCache(cacheFile, d, out var lines);
                if (cached != null)
                {
                    foreach (var line in lines) report.WriteLine(line);
                    return cached;
                }
            }
            var log = new ReportLog(report);
            foreach (var line in scanReport.Lines) log.WriteLine(line);
            report = log;
            var samples = new List<float[]>();
            var seed = 0x5EED;
            foreach (var file in files)
            {
                var rel = single ? Path.GetFileName(file.Path) : Path.GetRelativePath(path, file.Path);
                if (!Extensions.Contains(Path.GetExtension(file.Path).ToLowerInvariant())) { report.WriteLine($"{rel}: skipped, unsupported format (use PNG, JPG, TGA or BMP)"); continue; }
                DecodedImage image;
                try { image = ImageDecoder.DecodeFile(file.Path); }
                catch (ImageLimitException e) { report.WriteLine($"{rel}: skipped, too large ({e.Reason}; limit DecodeLimits.{e.Limit})"); continue; }
                catch (ImageDecodeException e) { report.WriteLine($"{rel}: skipped, corrupt or unreadable ({e.Reason})"); continue; }
                catch (FileNotFoundException) { report.WriteLine($"{rel}: skipped, the file disappeared during loading"); continue; }
                foreach (var (cell, name) in Cells(image, d, rel, report))
                {
                    if (cell.Width < d.Size || cell.Height < d.Size) { report.WriteLine($"{name}: skipped, too small ({cell.Width}x{cell.Height} < {d.Size}x{d.Size})"); continue; }
                    samples.Add(ToSample(cell, d, unchecked(seed++)));
                }
            }
            if (samples.Count == 0) throw NoUsableImages(path, single, files.Count, log.Lines);
            var per = d.Channels * d.Size * d.Size;
            var pixels = new float[samples.Count * per];
            for (var i = 0; i < samples.Count; i++) samples[i].CopyTo(pixels, i * per);
            var dataset = new ImageDataset(Path.GetFileName(path.TrimEnd('/', '\\')), pixels, samples.Count, d.Channels, d.Size);
            if (cacheFile != null) WriteCache(cacheFile, dataset, pixels, d, log.Lines);
            return dataset;
        }

        /// <summary>
        /// The error for a source that yields no sample. It says everything itself (the run's data report is
        /// only written for a dataset that loads): the folder, how many files were found and why the first
        /// ones were skipped.
        /// </summary>
        static DatasetException NoUsableImages(string path, bool single, int fileCount, List<string> lines)
        {
            if (!single && fileCount == 0)
            {
                var why = lines.Count == 0 ? "it is empty" : $"nothing but {string.Join("; ", lines.Take(3))}";
                return new DatasetException($"{path}: no image files found in the folder ({why}). Add PNG, JPG, TGA or BMP files.");
            }
            const int shown = 5;
            var reasons = string.Join("; ", lines.Take(shown)) + (lines.Count > shown ? $"; and {lines.Count - shown} more" : "");
            var what = single ? "the file is not a usable image" : $"none of its {fileCount} file(s) is a usable image";
            return new DatasetException($"{path}: no usable images ({what}): {reasons}.");
        }

        static IEnumerable<(DecodedImage, string)> Cells(DecodedImage image, DataConfig d, string name, TextWriter report)
        {
            if (d.Atlas == null) { yield return (image, name); yield break; }
            ConfigValidator.TryParseGrid(d.Atlas, out var cw, out var ch);
            int kept = 0, empty = 0;
            for (var y = 0; y + ch <= image.Height; y += ch)
                for (var x = 0; x + cw <= image.Width; x += cw)
                {
                    var cell = Crop(image, x, y, cw, ch);
                    if (IsEmpty(cell)) { empty++; continue; }
                    kept++;
                    yield return (cell, $"{name}[{x / cw},{y / ch}]");
                }
            if (empty > 0) report.WriteLine($"{name}: {empty} empty or fully transparent atlas cells skipped, {kept} kept");
        }

        static bool IsEmpty(DecodedImage cell)
        {
            var p = cell.Rgba;
            var transparent = true;
            var uniform = true;
            for (var i = 0; i < p.Length; i += 4)
            {
                if (p[i + 3] != 0) transparent = false;
                if (p[i] != p[0] || p[i + 1] != p[1] || p[i + 2] != p[2] || p[i + 3] != p[3]) uniform = false;
                if (!transparent && !uniform) return false;
            }
            return true;
        }

        static DecodedImage Crop(DecodedImage src, int x0, int y0, int w, int h)
        {
            var dst = new byte[w * h * 4];
            for (var y = 0; y < h; y++) Buffer.BlockCopy(src.Rgba, ((y0 + y) * src.Width + x0) * 4, dst, y * w * 4, w * 4);
            return new DecodedImage { Width = w, Height = h, ChannelsInFile = src.ChannelsInFile, Rgba = dst };
        }

        static float[] ToSample(DecodedImage img, DataConfig d, int seed)
        {
            var side = Math.Min(img.Width, img.Height);
            int x0 = (img.Width - side) / 2, y0 = (img.Height - side) / 2;
            if (d.Crop == "random")
            {
                var r = new Random(seed);
                x0 = r.Next(img.Width - side + 1);
                y0 = r.Next(img.Height - side + 1);
            }
            var s = d.Size;
            var plane = s * s;
            var result = new float[d.Channels * plane];
            var scale = (double)side / s;
            for (var oy = 0; oy < s; oy++)
                for (var ox = 0; ox < s; ox++)
                {
                    // Area filter: the box [ox·scale, (ox+1)·scale) × [oy·scale, (oy+1)·scale) with fractional edge weights.
                    double r = 0, g = 0, b = 0, a = 0, wsum = 0;
                    double fx0 = ox * scale, fx1 = (ox + 1) * scale, fy0 = oy * scale, fy1 = (oy + 1) * scale;
                    for (var y = (int)fy0; y < Math.Min(side, (int)Math.Ceiling(fy1)); y++)
                    {
                        var wy = Math.Min(y + 1, fy1) - Math.Max(y, fy0);
                        for (var x = (int)fx0; x < Math.Min(side, (int)Math.Ceiling(fx1)); x++)
                        {
                            var w = wy * (Math.Min(x + 1, fx1) - Math.Max(x, fx0));
                            var o = ((y0 + y) * img.Width + x0 + x) * 4;
                            var alpha = img.Rgba[o + 3] / 255.0;
                            var premultiply = d.Channels == 4 ? alpha : 1.0;
                            r += w * img.Rgba[o] * premultiply; g += w * img.Rgba[o + 1] * premultiply; b += w * img.Rgba[o + 2] * premultiply;
                            a += w * alpha; wsum += w;
                        }
                    }
                    a /= wsum;
                    var div = d.Channels == 4 ? (a > 0 ? a * wsum : 0) : wsum;
                    double R = div > 0 ? r / div : 0, G = div > 0 ? g / div : 0, B = div > 0 ? b / div : 0;
                    var i = oy * s + ox;
                    if (d.Channels == 1) result[i] = Norm(0.299 * R + 0.587 * G + 0.114 * B);
                    else
                    {
                        result[i] = Norm(R); result[plane + i] = Norm(G); result[2 * plane + i] = Norm(B);
                        if (d.Channels == 4) result[3 * plane + i] = Norm(a * 255.0);
                    }
                }
            return result;
        }

        static float Norm(double v255) => (float)(v255 / 127.5 - 1.0);

        /// <summary>
        /// The cache key: a hash of the decoder ("imagesharp-2.1.13": a cache made by another decoder is never
        /// reused), the settings, and each file's path, size and modification time (of the link's target).
        /// </summary>
        static string CacheKey(List<ScannedFile> files, DataConfig d)
        {
            var sb = new StringBuilder($"v3|imagesharp-2.1.13|{d.Atlas}|{d.Size}|{d.Channels}|{d.Crop}\n");
            foreach (var f in files)
            {
                var info = new FileInfo(f.ResolvedPath);
                long length = 0, ticks = 0;
                try { length = info.Length; ticks = info.LastWriteTimeUtc.Ticks; }
                catch (IOException) { }   // vanished: decoding reports it
                sb.Append(f.Path).Append('|').Append(length).Append('|').Append(ticks).Append('\n');
            }
            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()))).Substring(0, 16).ToLowerInvariant();
        }

        const int CacheMagic = 0x47494657;   // "WFIG"
        const int CacheVersion = 2;

        /// <summary>
        /// Cache layout (little-endian): magic "WFIG", version, count, channels, size, dataset name, the report
        /// lines of the decode that produced it, then count × C × S × S float32. Written atomically.
        /// </summary>
        static void WriteCache(string file, ImageDataset dataset, float[] pixels, DataConfig d, List<string> reportLines)
        {
            using var ms = new MemoryStream();
            using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
            {
                w.Write(CacheMagic); w.Write(CacheVersion);
                w.Write(dataset.Count); w.Write(d.Channels); w.Write(d.Size);
                w.Write(dataset.Name);
                w.Write(reportLines.Count);
                foreach (var line in reportLines) w.Write(line);
                var bytes = new byte[pixels.Length * 4];
                Buffer.BlockCopy(pixels, 0, bytes, 0, bytes.Length);
                w.Write(bytes);
            }
            Wasserforge.Pixels.AtomicFile.Write(file, ms.ToArray());
        }

        /// <summary>Reads a cache written by <see cref="WriteCache"/>; null when it is damaged or was made with other settings (then the images are decoded again).</summary>
        static ImageDataset ReadCache(string file, DataConfig d, out List<string> reportLines)
        {
            reportLines = new List<string>();
            try
            {
                using var r = new BinaryReader(File.OpenRead(file), Encoding.UTF8);
                if (r.ReadInt32() != CacheMagic || r.ReadInt32() != CacheVersion) return null;
                var count = r.ReadInt32();
                if (count < 1 || r.ReadInt32() != d.Channels || r.ReadInt32() != d.Size) return null;
                var name = r.ReadString();
                var lines = r.ReadInt32();
                for (var i = 0; i < lines; i++) reportLines.Add(r.ReadString());
                var per = d.Channels * d.Size * d.Size;
                var length = (long)count * per * 4;
                if (r.BaseStream.Length - r.BaseStream.Position != length) return null;
                var bytes = r.ReadBytes((int)length);
                var pixels = new float[count * per];
                Buffer.BlockCopy(bytes, 0, pixels, 0, bytes.Length);
                return new ImageDataset(name, pixels, count, d.Channels, d.Size);
            }
            catch (IOException) { return null; }
            catch (ArgumentException) { return null; }
        }

        /// <summary>Passes report lines through and remembers them for the cache.</summary>
        sealed class ReportLog : TextWriter
        {
            readonly TextWriter _inner;
            public readonly List<string> Lines = new List<string>();
            public ReportLog(TextWriter inner) { _inner = inner; }
            public override Encoding Encoding => Encoding.UTF8;
            public override void WriteLine(string value) { Lines.Add(value); _inner.WriteLine(value); }
            public override void Write(char value) => _inner.Write(value);
        }
    }
}
