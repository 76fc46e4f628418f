using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Wasserforge.Training.Config;
using Wasserforge.Training.Data.Native;

namespace Wasserforge.Training.Data
{
    /// <summary>
    /// How images become training samples:
    /// <list type="number">
    /// <item>Files are found recursively (sorted by path) and decoded by stb_image to 8-bit RGBA (16-bit PNGs are reduced to 8 bits; gray and palette are expanded).</item>
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
            var files = File.Exists(path) ? new List<string> { path }
                : Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToList();
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
            report = log;
            var samples = new List<float[]>();
            var seed = 0x5EED;
            foreach (var file in files)
            {
                var rel = File.Exists(path) ? Path.GetFileName(file) : Path.GetRelativePath(path, file);
                if (!Extensions.Contains(Path.GetExtension(file).ToLowerInvariant())) { report.WriteLine($"{rel}: skipped, unsupported format (use PNG, JPG, TGA or BMP)"); continue; }
                var image = ImageDecoder.Decode(file, out var error);
                if (image == null) { report.WriteLine($"{rel}: skipped, corrupt or unreadable ({error})"); continue; }
                foreach (var (cell, name) in Cells(image, d, rel, report))
                {
                    if (cell.Width < d.Size || cell.Height < d.Size) { report.WriteLine($"{name}: skipped, too small ({cell.Width}x{cell.Height} < {d.Size}x{d.Size})"); continue; }
                    samples.Add(ToSample(cell, d, unchecked(seed++)));
                }
            }
            if (samples.Count == 0) throw new DatasetException($"{path}: no usable images (see the data report for why each file was skipped).");
            var per = d.Channels * d.Size * d.Size;
            var pixels = new float[samples.Count * per];
            for (var i = 0; i < samples.Count; i++) samples[i].CopyTo(pixels, i * per);
            var dataset = new ImageDataset(Path.GetFileName(path.TrimEnd('/')), pixels, samples.Count, d.Channels, d.Size);
            if (cacheFile != null) WriteCache(cacheFile, dataset, pixels, d, log.Lines);
            return dataset;
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

        static string CacheKey(List<string> files, DataConfig d)
        {
            var sb = new StringBuilder($"v2|{d.Atlas}|{d.Size}|{d.Channels}|{d.Crop}\n");
            foreach (var f in files)
            {
                var info = new FileInfo(f);
                sb.Append(f).Append('|').Append(info.Length).Append('|').Append(info.LastWriteTimeUtc.Ticks).Append('\n');
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
