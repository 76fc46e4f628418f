using System;
using System.IO;
using NUnit.Framework;
using Wasserforge.Training.Config;
using Wasserforge.Training.Data;
using Wasserforge.Training.Data.Decoding;

namespace Wasserforge.Training.Tests
{
    /// <summary>The managed decoder (ImageSharp) on files written from the format specifications: PNG, TGA, BMP, JPEG variants, memory input, typed errors; and the decode cache.</summary>
    public class DecoderTests
    {
        string _dir;
        [SetUp] public void Dir() => _dir = TestDirs.New("wf-decode-");
        [TearDown] public void Clean() => Directory.Delete(_dir, true);

        // Test-only writers, byte by byte from the format specifications. Each image is 16x16: the top
        // half one colour, the bottom half another, so a flipped row order shows.
        const string Writers = @"
import struct, zlib, sys
d = sys.argv[1]
top, bottom = (200, 100, 50), (10, 20, 240)
rows = [top if y < 8 else bottom for y in range(16)]
# TGA, uncompressed true-colour (type 2), 24 bpp BGR, top-left origin (descriptor bit 5).
tga = struct.pack('<BBBHHBHHHHBB', 0, 0, 2, 0, 0, 0, 0, 0, 16, 16, 24, 0x20)
tga += b''.join(bytes([c[2], c[1], c[0]]) * 16 for c in rows)
open(d + '/img.tga', 'wb').write(tga)
# BMP, BITMAPINFOHEADER, 24 bpp BGR, bottom-up rows padded to 4 bytes (48 bytes: no padding).
pixels = b''.join(bytes([c[2], c[1], c[0]]) * 16 for c in reversed(rows))
bmp = b'BM' + struct.pack('<IHHI', 54 + len(pixels), 0, 0, 54) + struct.pack('<IiiHHIIiiII', 40, 16, 16, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
open(d + '/img.bmp', 'wb').write(bmp + pixels)
# PNG gray + alpha (colour type 4): gray 90 with alpha 255 on top, alpha 0 below.
def chunk(t, b): return struct.pack('>I', len(b)) + t + b + struct.pack('>I', zlib.crc32(t + b) & 0xffffffff)
raw = b''.join(b'\x00' + bytes([90, 255 if y < 8 else 0]) * 16 for y in range(16))
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 16, 16, 8, 4, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')
open(d + '/graya.png', 'wb').write(png)
# Baseline JPEG, one 8x8 gray block of level 200: quantisation all 1, DC only (8·(200−128) = 576, category 10),
# one-code Huffman tables (DC: category 10 → '0'; AC: EOB → '0'); bits 0 1001000000 0, padded with 1s.
def seg(m, b): return b'\xff' + bytes([m]) + struct.pack('>H', len(b) + 2) + b
jpg = b'\xff\xd8' + seg(0xdb, b'\x00' + b'\x01' * 64) + seg(0xc0, struct.pack('>BHHB', 8, 8, 8, 1) + b'\x01\x11\x00')
jpg += seg(0xc4, b'\x00' + b'\x01' + b'\x00' * 15 + b'\x0a') + seg(0xc4, b'\x10' + b'\x01' + b'\x00' * 15 + b'\x00')
jpg += seg(0xda, b'\x01\x01\x00\x00\x3f\x00') + b'\x48\x0f' + b'\xff\xd9'
open(d + '/gray.jpg', 'wb').write(jpg)
";

        void Make()
        {
            var (code, output) = TestDirs.Python(Writers, _dir);
            Assert.That(code, Is.EqualTo(0), output);
        }

        static byte[] Pixel(DecodedImage img, int x, int y)
        {
            var o = (y * img.Width + x) * 4;
            return new[] { img.Rgba[o], img.Rgba[o + 1], img.Rgba[o + 2], img.Rgba[o + 3] };
        }

        [TestCase("img.tga")]
        [TestCase("img.bmp")]
        public void TrueColourFilesDecodeTopDown(string name)
        {
            Make();
            var img = ImageDecoder.DecodeFile(Path.Combine(_dir, name));
            Assert.That((img.Width, img.Height, img.ChannelsInFile), Is.EqualTo((16, 16, 3)));
            Assert.That(Pixel(img, 3, 0), Is.EqualTo(new byte[] { 200, 100, 50, 255 }));
            Assert.That(Pixel(img, 15, 15), Is.EqualTo(new byte[] { 10, 20, 240, 255 }));
        }

        [Test]
        public void GrayAlphaPngExpandsToRgba()
        {
            Make();
            var img = ImageDecoder.DecodeFile(Path.Combine(_dir, "graya.png"));
            Assert.That(img.ChannelsInFile, Is.EqualTo(2));
            Assert.That(Pixel(img, 0, 0), Is.EqualTo(new byte[] { 90, 90, 90, 255 }));
            Assert.That(Pixel(img, 0, 15)[3], Is.EqualTo(0));
        }

        [Test]
        public void BaselineJpegDecodesFromFileAndMemory()
        {
            Make();
            var path = Path.Combine(_dir, "gray.jpg");
            var fromFile = ImageDecoder.DecodeFile(path);
            var fromMemory = ImageDecoder.DecodeMemory(File.ReadAllBytes(path), "gray.jpg");
            Assert.That((fromFile.Width, fromFile.Height, fromFile.ChannelsInFile), Is.EqualTo((8, 8, 1)));
            Assert.That(Pixel(fromFile, 4, 4), Is.EqualTo(new byte[] { 200, 200, 200, 255 }));
            Assert.That(fromMemory.Rgba, Is.EqualTo(fromFile.Rgba));
        }

        DecodedImage Fixture(string name)
        {
            ImageFixtures.Make(_dir);
            return ImageDecoder.DecodeFile(Path.Combine(_dir, name));
        }

        [Test]
        public void GrayPngsExpandToOpaqueRgb()
        {
            var g8 = Fixture("gray8.png");
            Assert.That(g8.ChannelsInFile, Is.EqualTo(1));
            Assert.That(Pixel(g8, 3, 5), Is.EqualTo(new byte[] { 53, 53, 53, 255 }));
            var g1 = ImageDecoder.DecodeFile(Path.Combine(_dir, "gray1.png"));
            Assert.That(Pixel(g1, 7, 9), Is.EqualTo(new byte[] { 0, 0, 0, 255 }));
            Assert.That(Pixel(g1, 8, 9), Is.EqualTo(new byte[] { 255, 255, 255, 255 }));
        }

        [Test]
        public void SixteenBitRgbaReducesToEightBits()
        {
            var img = Fixture("rgba16.png");
            Assert.That((img.Width, img.Height, img.ChannelsInFile), Is.EqualTo((16, 16, 4)));
            Assert.That(Pixel(img, 9, 9), Is.EqualTo(new byte[] { 200, 100, 50, 128 }));
        }

        [Test]
        public void PaletteTransparencyBecomesAlpha()
        {
            var img = Fixture("palette_trns.png");
            Assert.That(img.ChannelsInFile, Is.EqualTo(4));
            Assert.That(Pixel(img, 0, 0), Is.EqualTo(new byte[] { 255, 0, 0, 255 }));
            Assert.That(Pixel(img, 1, 0), Is.EqualTo(new byte[] { 0, 0, 255, 64 }));
            Assert.That(Pixel(img, 2, 3), Is.EqualTo(new byte[] { 0, 255, 0, 255 }));
        }

        [TestCase("filters.png")]
        [TestCase("interlaced.png")]
        public void EveryRowFilterAndAdam7DecodeExactly(string name)
        {
            var img = Fixture(name);
            var rgb = File.ReadAllBytes(Path.Combine(_dir, "gradient.bin"));
            for (var i = 0; i < 16 * 16; i++)
                Assert.That(new[] { img.Rgba[4 * i], img.Rgba[4 * i + 1], img.Rgba[4 * i + 2], img.Rgba[4 * i + 3] },
                    Is.EqualTo(new byte[] { rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2], 255 }), $"pixel {i % 16},{i / 16}");
        }

        [TestCase("bgra_bottomup.tga", 4, 128)]
        [TestCase("rle.tga", 3, 255)]
        [TestCase("topdown.bmp", 3, 255)]
        public void TgaAndBmpVariantsKeepRowOrderAndAlpha(string name, int channels, int topAlpha)
        {
            var img = Fixture(name);
            Assert.That(img.ChannelsInFile, Is.EqualTo(channels));
            Assert.That(Pixel(img, 2, 1), Is.EqualTo(new byte[] { 200, 100, 50, (byte)topAlpha }));
            Assert.That(Pixel(img, img.Width - 1, 15), Is.EqualTo(new byte[] { 10, 20, 240, 255 }));
        }

        [Test]
        public void GrayTgaAndPaletteBmpExpand()
        {
            var gray = Fixture("gray.tga");
            Assert.That(Pixel(gray, 5, 3), Is.EqualTo(new byte[] { 48, 48, 48, 255 }));
            var pal = ImageDecoder.DecodeFile(Path.Combine(_dir, "palette8.bmp"));
            Assert.That(Pixel(pal, 0, 0), Is.EqualTo(new byte[] { 200, 100, 50, 255 }));
            Assert.That(Pixel(pal, 0, 15), Is.EqualTo(new byte[] { 10, 20, 240, 255 }));
        }

        [Test]
        public void ColourJpegsConvertYCbCrAndAdobeCmyk()
        {
            // Y 100, Cb 90, Cr 200 → R = Y + 1.402(Cr − 128), G = Y − 0.344136(Cb − 128) − 0.714136(Cr − 128), B = Y + 1.772(Cb − 128) (JFIF).
            var ycc = Fixture("ycbcr.jpg");
            Assert.That(ycc.ChannelsInFile, Is.EqualTo(3));
            var p = Pixel(ycc, 4, 4);
            Assert.That(new[] { (int)p[0], p[1], p[2], p[3] }, Is.EqualTo(new[] { 201, 62, 33, 255 }).Within(1));
            // Adobe CMYK (APP14 transform 0) stores inverted inks: R = C·K/255, G = M·K/255, B = Y·K/255.
            var cmyk = ImageDecoder.DecodeFile(Path.Combine(_dir, "cmyk.jpg"));
            Assert.That(cmyk.ChannelsInFile, Is.EqualTo(4));
            p = Pixel(cmyk, 4, 4);
            Assert.That(new[] { (int)p[0], p[1], p[2], p[3] }, Is.EqualTo(new[] { 100, 50, 25, 255 }).Within(1));
        }

        [Test]
        public void BadInputGivesATypedErrorNamingTheFile()
        {
            var bad = Path.Combine(_dir, "bad.png");
            File.WriteAllBytes(bad, new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 1, 2, 3 });
            var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeFile(bad));
            Assert.That(e.FilePath, Is.EqualTo(bad));
            Assert.That(e.Message, Does.StartWith(bad + ": cannot decode image ("));
            Assert.That(e.Reason, Is.Not.Empty);
            Assert.That(Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeMemory(new byte[] { 1, 2, 3 }, "blob")).Message, Does.StartWith("blob: cannot decode image"));
            Assert.That(Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeMemory(ReadOnlySpan<byte>.Empty, "none")).Reason, Is.EqualTo("empty input"));
            Assert.Throws<FileNotFoundException>(() => ImageDecoder.DecodeFile(Path.Combine(_dir, "missing.png")));
        }

        [Test]
        public void ACacheHitReplaysTheReportAndADamagedCacheIsRebuilt()
        {
            Make();
            File.WriteAllBytes(Path.Combine(_dir, "broken.bmp"), new byte[] { (byte)'B', (byte)'M', 0, 0 });
            var cache = Path.Combine(_dir, "..", Path.GetFileName(_dir) + "-cache");
            try
            {
                var config = new DataConfig { Size = 8, Channels = 3 };
                var first = new StringWriter();
                var a = ImageFolderLoader.Load(_dir, config, cache, first);
                Assert.That(a.Count, Is.EqualTo(4));   // gray.jpg, graya.png, img.bmp, img.tga
                Assert.That(first.ToString(), Does.Contain("broken.bmp: skipped, corrupt"));

                var second = new StringWriter();
                var b = ImageFolderLoader.Load(_dir, config, cache, second);
                Assert.That(second.ToString(), Is.EqualTo(first.ToString()));
                Assert.That(b.Image(a.Count - 1).ToArray(), Is.EqualTo(a.Image(a.Count - 1).ToArray()));

                var file = Directory.GetFiles(cache)[0];
                File.WriteAllBytes(file, new byte[] { 1, 2, 3, 4, 5 });
                var c = ImageFolderLoader.Load(_dir, config, cache, TextWriter.Null);
                Assert.That(c.Count, Is.EqualTo(a.Count));
                Assert.That(new FileInfo(file).Length, Is.GreaterThan(5));
            }
            finally { if (Directory.Exists(cache)) Directory.Delete(cache, true); }
        }
    }
}
