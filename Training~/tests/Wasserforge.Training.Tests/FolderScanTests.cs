using System;
using System.IO;
using System.Linq;
using NUnit.Framework;
using Wasserforge.Training.Config;
using Wasserforge.Training.Data;

namespace Wasserforge.Training.Tests
{
    /// <summary>
    /// The dataset folder scan on real symbolic links (loops, links to parents, two links to one file, broken
    /// links, a link out of the folder and back), and the errors for folders that hold no usable image.
    /// </summary>
    public class FolderScanTests
    {
        string _dir;
        [SetUp] public void Dir() => _dir = TestDirs.New("wf-scan-");
        [TearDown] public void Clean() => Directory.Delete(_dir, true);   // deletes links, never their targets

        string Png(string relative, byte shade)
        {
            var path = Path.Combine(_dir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path));
            var px = new byte[16 * 16 * 4];
            for (var i = 0; i < px.Length; i++) px[i] = (i & 3) == 3 ? (byte)255 : shade;
            Wasserforge.Pixels.PngEncoder.WriteFile(path, px, 16, 16, 4);
            return path;
        }

        void Link(string relative, string target, bool folder)
        {
            var path = Path.Combine(_dir, relative);
            try
            {
                if (folder) Directory.CreateSymbolicLink(path, target);
                else File.CreateSymbolicLink(path, target);
            }
            catch (Exception e) when (e is UnauthorizedAccessException || e is IOException && OperatingSystem.IsWindows())
            {
                Assert.Ignore($"cannot create symbolic links here: {e.Message}");
            }
        }

        static DataConfig Config() => new DataConfig { Size = 16, Channels = 3 };

        [Test]
        public void LoopsAndParentLinksEndTheScanAndEachFileCountsOnce()
        {
            var root = Path.Combine(_dir, "set");
            Png("set/img.png", 10);
            Png("set/a/c.png", 20);
            Link("set/loop", ".", folder: true);            // loop -> .
            Link("set/a/b", "..", folder: true);            // a/b -> ..
            Link("set/alias.png", "img.png", folder: false);
            Link("set/again.png", "a/c.png", folder: false);
            Link("set/dup", "a", folder: true);             // a second way into a
            Link("set/broken.png", "nowhere.png", folder: false);
            var report = new StringWriter();
            var ds = ImageFolderLoader.Load(root, Config(), null, report);
            var text = report.ToString();
            Assert.That(ds.Count, Is.EqualTo(2), text);
            // Sorted by path: a/c.png (shade 20) then img.png (shade 10).
            Assert.That(ds.Image(0)[0], Is.EqualTo(20 / 127.5f - 1).Within(1e-5));
            Assert.That(ds.Image(1)[0], Is.EqualTo(10 / 127.5f - 1).Within(1e-5));
            Assert.That(text, Does.Contain("loop: skipped, link to a folder already scanned"));
            Assert.That(text, Does.Contain(Path.Combine("a", "b") + ": skipped, link to a folder already scanned"));
            Assert.That(text, Does.Contain("dup: skipped, link to a folder already scanned"));
            Assert.That(text, Does.Contain("alias.png: skipped, the same file as img.png (through a link)"));
            Assert.That(text, Does.Contain("again.png: skipped, the same file as " + Path.Combine("a", "c.png")));
            Assert.That(text, Does.Contain("broken.png: skipped, broken link"));
        }

        [Test]
        public void ALinkOutOfTheFolderIsFollowedOnceAndALinkBackIsNot()
        {
            var root = Path.Combine(_dir, "set");
            Png("set/own.png", 30);
            Png("outside/far.png", 40);
            Link("set/ext", Path.Combine(_dir, "outside"), folder: true);
            Link("outside/back", root, folder: true);      // outside/back -> set: a cycle through two links
            Link("outside/self", Path.Combine(_dir, "outside", "back", "ext"), folder: true);   // resolves through two links to outside
            var report = new StringWriter();
            var ds = ImageFolderLoader.Load(root, Config(), null, report);
            Assert.That(ds.Count, Is.EqualTo(2), report.ToString());   // ext/far.png, own.png
            Assert.That(ds.Image(0)[0], Is.EqualTo(40 / 127.5f - 1).Within(1e-5));
            Assert.That(report.ToString(), Does.Contain(Path.Combine("ext", "back") + ": skipped, link to a folder already scanned"));
            Assert.That(report.ToString(), Does.Contain(Path.Combine("ext", "self") + ": skipped, link to a folder already scanned"));
        }

        [Test]
        public void ALinkChainThatNeverEndsIsABrokenLink()
        {
            Png("set/ok.png", 50);
            Link("set/ping", "pong", folder: false);
            Link("set/pong", "ping", folder: false);
            var report = new StringWriter();
            var ds = ImageFolderLoader.Load(Path.Combine(_dir, "set"), Config(), null, report);
            Assert.That(ds.Count, Is.EqualTo(1));
            Assert.That(report.ToString(), Does.Contain("ping: skipped, broken link").And.Contain("pong: skipped, broken link"));
        }

        [Test]
        public void ResolvePathFollowsEveryLinkAlongThePath()
        {
            var real = Path.GetDirectoryName(Png("x/y/z.png", 1));
            Link("l1", Path.Combine(_dir, "x"), folder: true);
            Link("x/up", "..", folder: true);
            var resolvedDir = ImageFolderLoader.ResolvePath(_dir);
            Assert.That(ImageFolderLoader.ResolvePath(Path.Combine(_dir, "l1", "y", "z.png")), Is.EqualTo(Path.Combine(resolvedDir, "x", "y", "z.png")));
            // ".." after a link applies to the link's target (as the OS does), not to the link's own folder.
            Assert.That(ImageFolderLoader.ResolvePath(Path.Combine(_dir, "l1", "up", "x", "y")), Is.EqualTo(Path.Combine(resolvedDir, "x", "y")));
            Assert.That(ImageFolderLoader.ResolvePath(Path.Combine(_dir, "l1", "missing")), Is.Null);
            Assert.That(Directory.Exists(real), Is.True);
        }

        [Test]
        public void AnEmptyFolderIsATypedErrorNamingItWithoutAReportToLookFor()
        {
            var empty = Path.Combine(_dir, "empty");
            Directory.CreateDirectory(empty);
            var e = Assert.Throws<DatasetException>(() => ImageFolderLoader.Load(empty, Config(), null, TextWriter.Null));
            Assert.That(e.Message, Does.StartWith(empty + ": no image files found in the folder (it is empty)"));
            Assert.That(e.Message, Does.Not.Contain("report"));
        }

        [Test]
        public void AFolderOfNonImagesSaysWhyEachFileWasSkipped()
        {
            var folder = Path.Combine(_dir, "junk");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "notes.txt"), "not an image");
            File.WriteAllBytes(Path.Combine(folder, "broken.png"), new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0 });
            File.WriteAllBytes(Path.Combine(folder, "zero.jpg"), Array.Empty<byte>());
            var config = new TrainConfig();
            config.Data.Source = folder;
            config.Data.Size = 16;
            config.Data.Channels = 3;
            var e = Assert.Throws<DatasetException>(() => DatasetFactory.Create(config, _dir, null, new StringWriter()));
            Assert.That(e.Message, Does.StartWith(folder + ": no usable images (none of its 3 file(s) is a usable image): "));
            Assert.That(e.Message, Does.Contain("broken.png: skipped, corrupt or unreadable (")
                .And.Contain("notes.txt: skipped, unsupported format")
                .And.Contain("zero.jpg: skipped, corrupt or unreadable (empty file (0 bytes))"));
            Assert.That(e.Message, Does.Not.Contain("data report"));
        }

        [Test]
        public void AFolderHoldingOnlyALoopIsEmpty()
        {
            var folder = Path.Combine(_dir, "only-loop");
            Directory.CreateDirectory(folder);
            Link("only-loop/loop", ".", folder: true);
            var e = Assert.Throws<DatasetException>(() => ImageFolderLoader.Load(folder, Config(), null, TextWriter.Null));
            Assert.That(e.Message, Does.StartWith(folder + ": no image files found in the folder (nothing but loop: skipped, link to a folder already scanned"));
        }

        [Test]
        public void ASingleFileThatIsNotAnImageIsNamed()
        {
            var file = Path.Combine(_dir, "photo.png");
            File.WriteAllText(file, "text pretending to be a PNG");
            var e = Assert.Throws<DatasetException>(() => ImageFolderLoader.Load(file, Config(), null, TextWriter.Null));
            Assert.That(e.Message, Does.StartWith(file + ": no usable images (the file is not a usable image): photo.png: skipped, corrupt or unreadable (not a PNG, JPEG, TGA or BMP image)."));
        }
    }
}
