using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Wasserforge.Latent;
using Wasserforge.Pixels;

namespace Wasserforge.Explorer
{
    /// <summary>Writes what the user picked: single PNGs, a sprite sheet, an interpolation strip, and a latent list the runtime reads.</summary>
    public static class ExplorerExporter
    {
        /// <summary>One PNG per image: <c>&lt;prefix&gt;_000.png</c>…; returns the paths.</summary>
        public static List<string> WritePngs(byte[] rgba, int count, int width, int height, string folder, string prefix)
        {
            Directory.CreateDirectory(folder);
            var paths = new List<string>();
            var size = width * height * 4;
            for (var i = 0; i < count; i++)
            {
                var path = Path.Combine(folder, $"{prefix}_{i:D3}.png");
                PngEncoder.WriteFile(path, new ReadOnlySpan<byte>(rgba, i * size, size), width, height, 4);
                paths.Add(path);
            }
            return paths;
        }

        /// <summary>A sheet of <paramref name="count"/> images in <paramref name="columns"/> columns, no gaps (sprite-sheet layout, slice on width × height).</summary>
        public static void WriteSheet(byte[] rgba, int count, int width, int height, int columns, string path)
        {
            if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns));
            var rows = (count + columns - 1) / columns;
            var w = columns * width;
            var sheet = new byte[w * rows * height * 4];
            for (var k = 0; k < count; k++)
            {
                int ox = (k % columns) * width, oy = (k / columns) * height;
                for (var y = 0; y < height; y++)
                    Buffer.BlockCopy(rgba, (k * width * height + y * width) * 4, sheet, ((oy + y) * w + ox) * 4, width * 4);
            }
            PngEncoder.WriteFile(path, sheet, w, rows * height, 4);
        }

        /// <summary>An interpolation strip: all frames in one row.</summary>
        public static void WriteStrip(byte[] rgba, int count, int width, int height, string path) => WriteSheet(rgba, count, width, height, count, path);

        /// <summary>A latent list: one line per latent, <c>name&lt;TAB&gt;latent text</c>, readable with <see cref="ReadLatentList"/> and <see cref="LatentText.Parse"/>.</summary>
        public static void WriteLatentList(IEnumerable<KeyValuePair<string, float[]>> latents, string path)
        {
            var sb = new StringBuilder("# Wasserforge latent list: name<TAB>latent (LatentText)\n");
            foreach (var kv in latents)
            {
                if (kv.Key.IndexOf('\t') >= 0 || kv.Key.IndexOf('\n') >= 0) throw new ArgumentException($"latent name '{kv.Key}' contains a tab or newline.");
                sb.Append(kv.Key).Append('\t').Append(LatentText.Format(kv.Value)).Append('\n');
            }
            AtomicFile.Write(path, Encoding.UTF8.GetBytes(sb.ToString()));
        }

        /// <summary>Reads a latent list.</summary>
        /// <exception cref="FormatException">A line is not <c>name&lt;TAB&gt;latent</c> of this latent size; the message names the line.</exception>
        public static List<KeyValuePair<string, float[]>> ReadLatentList(string path, int latentDim)
        {
            var result = new List<KeyValuePair<string, float[]>>();
            var lineNo = 0;
            foreach (var line in File.ReadAllLines(path))
            {
                lineNo++;
                if (line.Length == 0 || line[0] == '#') continue;
                var tab = line.IndexOf('\t');
                if (tab < 0) throw new FormatException($"{path}:{lineNo}: expected 'name<TAB>latent'.");
                try { result.Add(new KeyValuePair<string, float[]>(line.Substring(0, tab), LatentText.Parse(line.Substring(tab + 1), latentDim))); }
                catch (FormatException e) { throw new FormatException($"{path}:{lineNo}: {e.Message}", e); }
            }
            return result;
        }
    }
}
