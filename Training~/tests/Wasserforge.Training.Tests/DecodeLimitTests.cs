using System;
using System.IO;
using NUnit.Framework;
using Wasserforge.Training.Config;
using Wasserforge.Training.Data;
using Wasserforge.Training.Data.Decoding;

namespace Wasserforge.Training.Tests
{
    /// <summary>Crafted, huge, empty and truncated files: each gets a typed error naming the file (and the limit), with nothing large allocated.</summary>
    public class DecodeLimitTests
    {
        string _dir;
        [SetUp] public void Dir() => _dir = TestDirs.New("wf-limits-");
        [TearDown] public void Clean() => Directory.Delete(_dir, true);

        void Make() => ImageFixtures.Write(ImageFixtures.Crafted, _dir);

        [TestCase("huge.png", "MaxWidth", 60000)]
        [TestCase("tall.png", "MaxHeight", 60000)]
        [TestCase("many.png", "MaxPixels", 100_000_000)]
        [TestCase("huge.jpg", "MaxWidth", 60000)]
        [TestCase("huge.bmp", "MaxWidth", 60000)]
        [TestCase("huge.tga", "MaxWidth", 30000)]
        public void AHeaderClaimingAHugeImageIsRefusedBeforeAllocating(string name, string limit, long value)
        {
            Make();
            var path = Path.Combine(_dir, name);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var e = Assert.Throws<ImageLimitException>(() => ImageDecoder.DecodeFile(path));
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.That(e.FilePath, Is.EqualTo(path));
            Assert.That((e.Limit, e.Value), Is.EqualTo((limit, value)));
            Assert.That(e.Message, Does.StartWith(path + ": image too large: ").And.Contain($"(DecodeLimits.{limit})").And.Contain($"{e.Maximum:N0}"));
            Assert.That(allocated, Is.LessThan(32L << 20), "the limit must be checked before the pixel buffer exists");
        }

        [Test]
        public void DefaultLimitsHaveTheDocumentedValues()
        {
            var l = DecodeLimits.Default;
            Assert.That((l.MaxFileBytes, l.MaxWidth, l.MaxHeight, l.MaxPixels), Is.EqualTo((268_435_456L, 16384, 16384, 67_108_864L)));
        }

        [Test]
        public void FileSizeIsCheckedBeforeReading()
        {
            Make();
            var path = Path.Combine(_dir, "good.png");
            var length = new FileInfo(path).Length;
            var small = new DecodeLimits { MaxFileBytes = length - 1 };
            var e = Assert.Throws<ImageLimitException>(() => ImageDecoder.DecodeFile(path, small));
            Assert.That((e.Limit, e.Value, e.Maximum), Is.EqualTo(("MaxFileBytes", length, length - 1)));
            Assert.That(e.Message, Does.Contain(path).And.Contain("file size"));
            Assert.That(Assert.Throws<ImageLimitException>(() => ImageDecoder.DecodeMemory(File.ReadAllBytes(path), "blob", small)).Message, Does.StartWith("blob: image too large"));
            Assert.That(ImageDecoder.DecodeFile(path, new DecodeLimits { MaxFileBytes = length }).Width, Is.EqualTo(64));
        }

        [Test]
        public void CustomSizeLimitsApply()
        {
            Make();
            var path = Path.Combine(_dir, "good.png");
            Assert.That(Assert.Throws<ImageLimitException>(() => ImageDecoder.DecodeFile(path, new DecodeLimits { MaxWidth = 63 })).Limit, Is.EqualTo("MaxWidth"));
            Assert.That(Assert.Throws<ImageLimitException>(() => ImageDecoder.DecodeFile(path, new DecodeLimits { MaxHeight = 63 })).Limit, Is.EqualTo("MaxHeight"));
            Assert.That(Assert.Throws<ImageLimitException>(() => ImageDecoder.DecodeFile(path, new DecodeLimits { MaxPixels = 64 * 64 - 1 })).Limit, Is.EqualTo("MaxPixels"));
            var exact = ImageDecoder.DecodeFile(path, new DecodeLimits { MaxWidth = 64, MaxHeight = 64, MaxPixels = 64 * 64 });
            Assert.That((exact.Width, exact.Height, exact.Rgba[4 * 5], exact.Rgba[4 * 5 + 3]), Is.EqualTo((64, 64, (byte)20, (byte)23)));
        }

        [TestCase("empty.png", "empty file (0 bytes)")]
        [TestCase("truncated.png", null)]
        [TestCase("header_only.png", null)]
        [TestCase("truncated.jpg", null)]
        [TestCase("truncated.tga", "truncated TGA: the pixel data ends after 118 of 786 bytes")]
        [TestCase("truncated.bmp", "truncated BMP: the pixel data ends after 154 of 822 bytes")]
        [TestCase("no_eoi.jpg", "truncated JPEG: no end-of-image marker after the last scan")]
        [TestCase("max.tga", "the header gives an invalid size -1x-1")]
        public void EmptyAndTruncatedFilesGetATypedError(string name, string reason)
        {
            Make();
            var path = Path.Combine(_dir, name);
            var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeFile(path));
            Assert.That(e, Is.Not.InstanceOf<ImageLimitException>());
            Assert.That(e.FilePath, Is.EqualTo(path));
            Assert.That(e.Message, Does.StartWith(path + ": cannot decode image ("));
            if (reason != null) Assert.That(e.Reason, Is.EqualTo(reason));
            else Assert.That(e.Reason, Is.Not.Empty);
        }

        [Test]
        public void TheSameJpegWithItsEndMarkerDecodes()
        {
            Make();
            var img = ImageDecoder.DecodeFile(Path.Combine(_dir, "complete.jpg"));
            Assert.That((img.Width, img.Height, img.Rgba[0], img.Rgba[3]), Is.EqualTo((8, 8, (byte)200, (byte)255)));
        }

        [Test]
        public void AFolderSkipsOversizedAndBrokenFilesAndNamesTheLimit()
        {
            Make();
            var report = new StringWriter();
            var ds = ImageFolderLoader.Load(_dir, new DataConfig { Size = 32, Channels = 4 }, null, report);
            Assert.That(ds.Count, Is.EqualTo(1), report.ToString());   // good.png
            var text = report.ToString();
            Assert.That(text, Does.Contain("huge.png: skipped, too large (width 60,000 px is over the limit of 16,384 px; limit DecodeLimits.MaxWidth)"));
            Assert.That(text, Does.Contain("many.png: skipped, too large (").And.Contain("limit DecodeLimits.MaxPixels)"));
            Assert.That(text, Does.Contain("empty.png: skipped, corrupt or unreadable (empty file (0 bytes))"));
            Assert.That(text, Does.Contain("truncated.png: skipped, corrupt or unreadable ("));
        }
    }
}
