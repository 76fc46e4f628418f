using System;
using System.IO;
using System.Linq;
using NUnit.Framework;
using Wasserforge.Latent;
using Wasserforge.Training.Config;
using Wasserforge.Training.Data;

namespace Wasserforge.Training.Tests
{
    public class DataTests
    {
        string _dir;
        [SetUp] public void Dir() => _dir = TestDirs.New("wf-data-");
        [TearDown] public void Clean() => Directory.Delete(_dir, true);

        // A test-only PNG writer (zlib + struct) for the formats our own encoder does not write: 16-bit, palette.
        const string PngWriter = @"
import struct, zlib, sys
def png(path, w, h, ctype, depth, rows, palette=None):
    def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    raw = b''.join(b'\x00' + r for r in rows)
    data = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, depth, ctype, 0, 0, 0))
    if palette: data += chunk(b'PLTE', palette)
    open(path, 'wb').write(data + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
d = sys.argv[1]
png(d + '/rgb.png', 20, 20, 2, 8, [bytes([200, 100, 50] * 20)] * 20)
png(d + '/sub/gray16.png', 20, 20, 0, 16, [struct.pack('>H', 0x8080) * 20] * 20)
png(d + '/sub/palette.png', 20, 20, 3, 8, [bytes([0, 1] * 10)] * 20, palette=bytes([255, 0, 0, 0, 0, 255]))
png(d + '/alpha.png', 20, 20, 6, 8, [bytes([255, 255, 255, 0] * 10 + [10, 20, 30, 255] * 10)] * 20)
png(d + '/tiny.png', 8, 8, 2, 8, [bytes([1, 2, 3] * 8)] * 8)
open(d + '/corrupt.png', 'wb').write(b'\x89PNG\r\n\x1a\n' + b'garbage' * 10)
open(d + '/notes.txt', 'w').write('not an image')
rows = [bytes([0, 0, 0, 0] * 32 + [(x * 7) % 256 for x in range(32) for _ in range(4)]) for _ in range(32)]
png(d + '/atlas/sheet.png', 64, 32, 6, 8, rows)
";

        void MakeImages()
        {
            Directory.CreateDirectory(Path.Combine(_dir, "img", "sub"));
            Directory.CreateDirectory(Path.Combine(_dir, "img", "atlas"));
            var (code, output) = TestDirs.Python(PngWriter, Path.Combine(_dir, "img"));
            Assert.That(code, Is.EqualTo(0), output);
        }

        static DataConfig Data(int size, int channels, string atlas = null) => new DataConfig { Size = size, Channels = channels, Atlas = atlas };

        [Test]
        public void FolderDecodesEveryFormatAndReportsWhatItSkips()
        {
            MakeImages();
            File.Delete(Path.Combine(_dir, "img", "atlas", "sheet.png"));
            var report = new StringWriter();
            var ds = ImageFolderLoader.Load(Path.Combine(_dir, "img"), Data(16, 4), null, report);
            Assert.That(ds.Count, Is.EqualTo(4), report.ToString());   // rgb, alpha, sub/gray16, sub/palette (sorted)
            var text = report.ToString();
            Assert.That(text, Does.Contain("tiny.png: skipped, too small (8x8 < 16x16)"));
            Assert.That(text, Does.Contain("corrupt.png: skipped, corrupt"));
            Assert.That(text, Does.Contain("notes.txt: skipped, unsupported format"));

            const int plane = 256;
            float At(int image, int channel, int pixel = 0) => ds.Image(image)[channel * plane + pixel];
            // alpha.png: left half transparent (hidden white becomes black), right half opaque (10, 20, 30).
            Assert.That(At(0, 0, 0), Is.EqualTo(-1f));
            Assert.That(At(0, 3, 0), Is.EqualTo(-1f));
            Assert.That(At(0, 0, 15), Is.EqualTo(10 / 127.5f - 1).Within(1e-5));
            Assert.That(At(0, 3, 15), Is.EqualTo(1f));
            // rgb.png: (200, 100, 50), opaque.
            Assert.That(At(1, 0), Is.EqualTo(200 / 127.5f - 1).Within(1e-5));
            Assert.That(At(1, 2), Is.EqualTo(50 / 127.5f - 1).Within(1e-5));
            Assert.That(At(1, 3), Is.EqualTo(1f));
            // sub/gray16.png: 0x8080 reduces to 8 bits as 0x80 = 128, replicated to RGB.
            Assert.That(At(2, 0), Is.EqualTo(128 / 127.5f - 1).Within(1e-5));
            Assert.That(At(2, 1), Is.EqualTo(At(2, 0)));
            // sub/palette.png: columns alternate red and blue; after the 20→16 area filter the first pixel mixes them.
            Assert.That(At(3, 0, 0) + 1, Is.GreaterThan(0.5f));
            Assert.That(At(3, 2, 0) + 1, Is.GreaterThan(0.1f));
        }

        [Test]
        public void AtlasSkipsTransparentCells()
        {
            MakeImages();
            var report = new StringWriter();
            var ds = ImageFolderLoader.Load(Path.Combine(_dir, "img", "atlas"), Data(32, 4, "32x32"), null, report);
            Assert.That(ds.Count, Is.EqualTo(1));
            Assert.That(report.ToString(), Does.Contain("1 empty or fully transparent atlas cells skipped, 1 kept"));
            Assert.That(ds.Image(0)[0], Is.EqualTo(-1f));                       // red of cell pixel 0 = 0
            Assert.That(ds.Image(0)[1], Is.EqualTo(7 / 127.5f - 1).Within(1e-5));
        }

        [Test]
        public void AreaFilterAveragesBlocks()
        {
            // 4x4 gray checkerboard of 2x2 blocks (0 and 255) → 2x2 at size... use 32 → 16: each output pixel is one block.
            var px = new byte[32 * 32 * 4];
            for (var y = 0; y < 32; y++)
                for (var x = 0; x < 32; x++)
                {
                    var v = (byte)((x + y) % 2 == 0 ? 255 : 0);   // 1-px checkerboard: every 2x2 box averages to 127.5
                    var o = (y * 32 + x) * 4;
                    px[o] = px[o + 1] = px[o + 2] = v; px[o + 3] = 255;
                }
            var path = Path.Combine(_dir, "check.png");
            Wasserforge.Pixels.PngEncoder.WriteFile(path, px, 32, 32, 4);
            var ds = ImageFolderLoader.Load(path, Data(16, 1), null, TextWriter.Null);
            Assert.That(ds.Image(0).ToArray(), Is.All.EqualTo(0f).Within(1e-6));
        }

        [Test]
        public void FewerImagesThanABatchIsAClearError()
        {
            MakeImages();
            var config = new TrainConfig();
            config.Data.Source = Path.Combine(_dir, "img");
            config.Data.Size = 16;
            config.Data.Channels = 3;
            config.Training.BatchSize = 64;
            var e = Assert.Throws<DatasetException>(() => DatasetFactory.Create(config, _dir, null, TextWriter.Null));
            Assert.That(e.Message, Does.Contain(Path.Combine(_dir, "img")).And.Contain("fewer than one batch (64)"));
            config.Data.Source = Path.Combine(_dir, "nowhere");
            Assert.That(Assert.Throws<DatasetException>(() => DatasetFactory.Create(config, _dir, null, TextWriter.Null)).Message, Does.Contain("no such file or folder"));
        }

        [Test]
        public void ABuiltInNameThatAlsoNamesAFolderIsRefusedAndDotSlashPicksTheFolder()
        {
            // A game developer's art folder may well be called "materials": training on the built-in set
            // instead would not say so.
            var folder = Path.Combine(_dir, "materials");
            Directory.CreateDirectory(folder);
            var px = new byte[16 * 16 * 4];
            for (var i = 0; i < px.Length; i++) px[i] = (byte)(i % 4 == 3 ? 255 : 40);
            for (var k = 0; k < 4; k++) Wasserforge.Pixels.PngEncoder.WriteFile(Path.Combine(folder, $"m{k}.png"), px, 16, 16, 4);
            var config = new TrainConfig();
            config.Data.Source = "materials";
            config.Data.Size = 16;
            config.Data.Channels = 3;
            config.Data.HoldOut = 0;
            config.Training.BatchSize = 4;
            var e = Assert.Throws<DatasetException>(() => DatasetFactory.Create(config, _dir, null, TextWriter.Null));
            Assert.That(e.Message, Does.Contain(folder).And.Contain("'./materials'"));
            config.Data.Source = "./materials";
            var set = DatasetFactory.Create(config, _dir, null, TextWriter.Null);
            Assert.That(set.Count, Is.EqualTo(4), "the folder's four images");
            config.Data.Source = "materials";
            var elsewhere = Path.Combine(_dir, "elsewhere");
            Directory.CreateDirectory(elsewhere);
            Assert.That(DatasetFactory.Create(config, elsewhere, null, TextWriter.Null).Count, Is.EqualTo(config.Data.Count), "without the folder the name is the built-in set");
        }

        [Test]
        public void CacheIsReusedAndInvalidatedByChanges()
        {
            MakeImages();
            var cache = Path.Combine(_dir, "cache");
            var folder = Path.Combine(_dir, "img");
            var first = ImageFolderLoader.Load(folder, Data(16, 3), cache, TextWriter.Null);
            Assert.That(Directory.GetFiles(cache).Length, Is.EqualTo(1));
            var second = ImageFolderLoader.Load(folder, Data(16, 3), cache, TextWriter.Null);
            Assert.That(second.Image(0).ToArray(), Is.EqualTo(first.Image(0).ToArray()));
            File.Copy(Path.Combine(folder, "rgb.png"), Path.Combine(folder, "rgb2.png"));
            var third = ImageFolderLoader.Load(folder, Data(16, 3), cache, TextWriter.Null);
            Assert.That(third.Count, Is.EqualTo(first.Count + 1));
            Assert.That(Directory.GetFiles(cache).Length, Is.EqualTo(2));
        }

        [Test]
        public void ToySetsHaveThePublishedGeometry()
        {
            var rng = new Xoshiro256(1);
            var g25 = ToyDataset.Create("25gaussians");
            var pts = new float[2 * 5000];
            g25.NextBatch(ref rng, 5000, pts);
            var r = Wasserforge.Training.Metrics.ModeCoverage.Score(pts, g25.Centres, g25.ComponentStd);
            Assert.That(r.ModesCaptured, Is.EqualTo(25));
            Assert.That(r.HighQualityShare, Is.GreaterThan(0.98));
            Assert.That(g25.Centres[0, 0], Is.EqualTo(-4 / 2.828).Within(1e-12));
            var g8 = ToyDataset.Create("8gaussians");
            Assert.That(Math.Sqrt(g8.Centres[4, 0] * g8.Centres[4, 0] + g8.Centres[4, 1] * g8.Centres[4, 1]), Is.EqualTo(2 / 1.414).Within(1e-9));
            var collapsed = Enumerable.Repeat(new[] { (float)g8.Centres[0, 0], (float)g8.Centres[0, 1] }, 100).SelectMany(p => p).ToArray();
            Assert.That(Wasserforge.Training.Metrics.ModeCoverage.Score(collapsed, g8.Centres, g8.ComponentStd).ModesCaptured, Is.EqualTo(1));
        }

        [TestCase(ProceduralPalette.Random)]
        [TestCase(ProceduralPalette.Materials)]
        public void ProceduralTexturesAreDeterministicAndTile(ProceduralPalette palette)
        {
            var a = ProceduralTextures.Create(10, 32, 7, palette);
            var b = ProceduralTextures.Create(10, 32, 7, palette);
            Assert.That(a.Name, Is.EqualTo(ProceduralTextures.SourceName(palette)));
            Assert.That(Enumerable.Range(0, a.Count).SelectMany(i => a.Image(i).ToArray()), Has.All.InRange(-1f, 1f));
            Assert.That(a.Image(3).ToArray(), Is.EqualTo(b.Image(3).ToArray()));
            // The wrap-around jump (column 31 → 0, row 31 → 0) is no larger than the interior jump half a
            // period away (15 → 16): tile, brick and mortar edges land on multiples of 16 by design, and a
            // half-brick offset moves an edge from 0 to 16, so the two positions see the same kinds of edge.
            double seam = 0, inner = 0;
            for (var i = 0; i < a.Count; i++)
            {
                var img = a.Image(i).ToArray();
                for (var c = 0; c < 3; c++)
                    for (var k = 0; k < 32; k++)
                    {
                        float At(int x, int y) => img[(c * 32 + y) * 32 + x];
                        seam += Math.Abs(At(31, k) - At(0, k)) + Math.Abs(At(k, 31) - At(k, 0));
                        inner += Math.Abs(At(16, k) - At(15, k)) + Math.Abs(At(k, 16) - At(k, 15));
                    }
            }
            Assert.That(seam, Is.LessThanOrEqualTo(inner * 1.25), $"seam {seam:F1} vs same-phase interior {inner:F1}");
        }

        [Test]
        public void TheProceduralSetKeepsItsImagesSoTheBenchmarkTablesStayComparable()
        {
            // The benchmark tables in docs/benchmarks.md were measured on this set: adding the materials
            // palette must not move a single pixel of it (checksum of the set as it was before).
            var set = ProceduralTextures.Create(20, 32, 7);
            double sum = 0, weighted = 0;
            var pixels = Enumerable.Range(0, set.Count).SelectMany(i => set.Image(i).ToArray()).ToArray();
            for (var i = 0; i < pixels.Length; i++) { sum += pixels[i]; weighted += pixels[i] * (i % 97); }
            Assert.That((Math.Round(sum, 2), Math.Round(weighted, 1)), Is.EqualTo((SumPin, WeightedPin)));
        }

        [Test]
        public void TheMaterialsSetLooksLikeItsMaterials()
        {
            // Bricks are red to tan (red above blue in the brick body), marble is pale stone with dark
            // veins; random colours break both for some images, so the checks tell the palettes apart.
            (int bricksOk, int marbleOk) Score(ProceduralPalette palette)
            {
                var set = ProceduralTextures.Create(100, 32, 3, palette);
                int bricks = 0, marble = 0;
                for (var i = 0; i < set.Count; i++)
                {
                    var img = set.Image(i).ToArray();
                    var plane = 32 * 32;
                    float Mean(int c) => img.Skip(c * plane).Take(plane).Average();
                    if (i % 5 == 0 && Median(img, 0, plane) > Median(img, 2, plane) + 0.15f) bricks++;
                    if (i % 5 == 2 && (Mean(0) + Mean(1) + Mean(2)) / 3 > 0.1f && HasDarkVeins(img, plane)) marble++;
                }
                return (bricks, marble);
            }
            var materials = Score(ProceduralPalette.Materials);
            var random = Score(ProceduralPalette.Random);
            Assert.That(materials, Is.EqualTo((20, 20)), "every brick image red over blue, every marble image pale with dark veins");
            Assert.That(random.bricksOk + random.marbleOk, Is.LessThan(35), "random colours fail these checks for some images");
        }

        /// <summary>The mean of the three channel planes of a CHW image, per pixel.</summary>
        static float[] Grey(float[] img, int plane) =>
            Enumerable.Range(0, plane).Select(k => (img[k] + img[plane + k] + img[2 * plane + k]) / 3).ToArray();

        /// <summary>Veins: a few percent of the pixels (not most) are much darker than the median brightness.</summary>
        static bool HasDarkVeins(float[] img, int plane)
        {
            var grey = Grey(img, plane).OrderBy(v => v).ToArray();
            return grey[plane / 20] < grey[plane / 2] - 0.4f && grey[plane / 3] > grey[plane / 2] - 0.2f;
        }

        [Test]
        public void MaterialsMarbleHasAFewMeanderingVeinsNotRipples()
        {
            // Along a row, a vein is a run of dark pixels; the procedural set's ripples cross a row two to six times in
            // parallel, the materials set's two veins meander, so they cross rows a few times but not at one fixed spacing.
            double Crossings(ProceduralPalette palette)
            {
                var set = ProceduralTextures.Create(50, 32, 11, palette);
                double total = 0; var images = 0;
                for (var i = 2; i < set.Count; i += 5, images++)
                {
                    var img = set.Image(i).ToArray();
                    var plane = 32 * 32;
                    var grey = Grey(img, plane);
                    var median = grey.OrderBy(v => v).ElementAt(plane / 2);
                    for (var y = 0; y < 32; y++)
                        for (var x = 0; x < 32; x++)
                        {
                            bool Dark(int xx) => grey[y * 32 + (xx & 31)] < median - 0.3f;
                            if (Dark(x) && !Dark(x - 1)) total++;
                        }
                }
                return total / images / 32;   // dark runs entered per row
            }
            var veins = Crossings(ProceduralPalette.Materials);
            var ripples = Crossings(ProceduralPalette.Random);
            Assert.That(veins, Is.InRange(0.3, 3.0), "a few veins per row");
            Assert.That(veins, Is.LessThan(ripples), $"fewer than the ripples ({veins:F2} vs {ripples:F2} per row)");
        }

        static float Median(float[] img, int channel, int plane)
        {
            var values = img.Skip(channel * plane).Take(plane).OrderBy(v => v).ToArray();
            return values[plane / 2];
        }

        const double SumPin = -878.10, WeightedPin = -38402.6;
    }
}
