using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using NUnit.Framework;
using Wasserforge.Pixels;

namespace Wasserforge.Tests.Pixels
{
    /// <summary>
    /// AtomicFile replaces only regular files: links are written through, folders, FIFOs and device
    /// nodes are refused and stay what they were. Links, FIFOs and device nodes are made with the
    /// system's own tools (ln, mkfifo, mknod), so the checks do not rely on the code under test.
    /// </summary>
    public class AtomicFileTests
    {
        string _dir;

        [SetUp]
        public void Dir() => _dir = TestPaths.NewTempDir();

        [TearDown]
        public void Clean() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

        static bool Unix => RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX);

        static void RequireUnix() { if (!Unix) Assert.Ignore("links, FIFOs and device nodes are made with Unix tools here"); }

        /// <summary>Runs a shell command; returns its exit code.</summary>
        static int Sh(string command)
        {
            var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardError = true };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(command);
            using (var p = Process.Start(psi))
            {
                p.StandardError.ReadToEnd();
                p.WaitForExit();
                return p.ExitCode;
            }
        }

        static string Q(string path) => "'" + path.Replace("'", "'\\''") + "'";

        string[] Temporaries() => Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories);

        [Test]
        public void ALinkIsWrittenThroughAndStaysALink()
        {
            RequireUnix();
            var real = Path.Combine(_dir, "real.png");
            var link = Path.Combine(_dir, "link.png");
            File.WriteAllBytes(real, new byte[] { 1 });
            Assert.That(Sh($"ln -s real.png {Q(link)}"), Is.EqualTo(0));
            AtomicFile.Write(link, new byte[] { 7, 8 });
            Assert.That(File.ReadAllBytes(real), Is.EqualTo(new byte[] { 7, 8 }), "the link's target holds the new bytes");
            Assert.That(Sh($"test -L {Q(link)}"), Is.EqualTo(0), "the link is still a symbolic link");
            Assert.That(Sh($"test \"$(readlink {Q(link)})\" = real.png"), Is.EqualTo(0), "pointing where it pointed");
            Assert.That(Temporaries(), Is.Empty);
        }

        [Test]
        public void ALinkChainAndADanglingLinkCreateTheFinalTarget()
        {
            RequireUnix();
            Directory.CreateDirectory(Path.Combine(_dir, "out"));
            var first = Path.Combine(_dir, "first.npy");
            Assert.That(Sh($"cd {Q(_dir)} && ln -s second.npy first.npy && ln -s out/final.npy second.npy"), Is.EqualTo(0));
            AtomicFile.Write(first, new byte[] { 3 });
            Assert.That(File.ReadAllBytes(Path.Combine(_dir, "out", "final.npy")), Is.EqualTo(new byte[] { 3 }));
            Assert.That(Sh($"test -L {Q(first)} && test -L {Q(Path.Combine(_dir, "second.npy"))}"), Is.EqualTo(0), "both links stay links");
        }

        [Test]
        public void ALinkLoopIsAnErrorNotAHang()
        {
            RequireUnix();
            var a = Path.Combine(_dir, "a.png");
            Assert.That(Sh($"cd {Q(_dir)} && ln -s b.png a.png && ln -s a.png b.png"), Is.EqualTo(0));
            var e = Assert.Throws<IOException>(() => AtomicFile.Write(a, new byte[] { 1 }));
            Assert.That(e.Message, Does.Contain(a).And.Contain("link"));
            Assert.That(Sh($"test -L {Q(a)}"), Is.EqualTo(0));
        }

        [Test]
        public void AFifoIsRefusedAndStaysAFifo()
        {
            RequireUnix();
            var fifo = Path.Combine(_dir, "pipe.png");
            Assert.That(Sh($"mkfifo {Q(fifo)}"), Is.EqualTo(0));
            var e = Assert.Throws<IOException>(() => AtomicFile.Write(fifo, new byte[] { 1 }));
            Assert.That(e.Message, Does.Contain(fifo).And.Contain("FIFO").And.Contain("not a regular file"));
            Assert.That(Sh($"test -p {Q(fifo)}"), Is.EqualTo(0), "still a FIFO");
            Assert.That(Temporaries(), Is.Empty);
        }

        [Test]
        public void ALinkToAFifoIsRefused()
        {
            RequireUnix();
            var link = Path.Combine(_dir, "out.png");
            Assert.That(Sh($"cd {Q(_dir)} && mkfifo pipe && ln -s pipe out.png"), Is.EqualTo(0));
            var e = Assert.Throws<IOException>(() => AtomicFile.Write(link, new byte[] { 1 }));
            Assert.That(e.Message, Does.Contain("a link to").And.Contain("FIFO"));
            Assert.That(Sh($"test -p {Q(Path.Combine(_dir, "pipe"))} && test -L {Q(link)}"), Is.EqualTo(0));
        }

        /// <summary>A character device like /dev/null, made in the temp folder (needs root, as in CI containers) so a regression cannot harm /dev.</summary>
        [Test]
        public void ADeviceNodeIsRefusedAndStaysADevice()
        {
            RequireUnix();
            var device = Path.Combine(_dir, "null");
            if (Sh($"mknod {Q(device)} c 1 3") != 0)
            {
                // Without root: /dev/null itself (the rename into /dev would need root anyway, so a regression cannot harm it).
                device = "/dev/null";
            }
            var e = Assert.Throws<IOException>(() => AtomicFile.Write(device, new byte[] { 1 }));
            Assert.That(e.Message, Does.Contain(device).And.Contain("character device"));
            Assert.That(Sh($"test -c {Q(device)}"), Is.EqualTo(0), "still a character device");
            Assert.That(Temporaries(), Is.Empty);
        }

        [Test]
        public void AFolderOrALinkToAFolderIsRefused()
        {
            var folder = Path.Combine(_dir, "sub");
            Directory.CreateDirectory(folder);
            var e = Assert.Throws<IOException>(() => AtomicFile.Write(folder, new byte[] { 1 }));
            Assert.That(e.Message, Does.Contain(folder).And.Contain("folder"));
            if (!Unix) return;
            var link = Path.Combine(_dir, "to-sub");
            Assert.That(Sh($"cd {Q(_dir)} && ln -s sub to-sub"), Is.EqualTo(0));
            e = Assert.Throws<IOException>(() => AtomicFile.Write(link, new byte[] { 1 }));
            Assert.That(e.Message, Does.Contain("folder"));
            Assert.That(Directory.GetFileSystemEntries(folder), Is.Empty, "nothing written into the folder");
        }

        [Test]
        public void APathBelowAFileIsRefusedNamingTheFile()
        {
            var file = Path.Combine(_dir, "a-file");
            File.WriteAllBytes(file, new byte[] { 5 });
            var e = Assert.Throws<IOException>(() => AtomicFile.Write(Path.Combine(file, "sub", "out.png"), new byte[] { 1 }));
            Assert.That(e.Message, Does.Contain(file + " is a file, not a folder"));
            Assert.That(File.ReadAllBytes(file), Is.EqualTo(new byte[] { 5 }));
        }

        /// <summary>A 64 KB tmpfs stands for a full disk (mounting needs root, as in CI containers).</summary>
        [Test]
        public void AFullDiskKeepsTheOldFileAndLeavesNoTemporary()
        {
            RequireUnix();
            var disk = Path.Combine(_dir, "disk");
            Directory.CreateDirectory(disk);
            if (Sh($"mount -t tmpfs -o size=64k tmpfs {Q(disk)}") != 0) Assert.Ignore("needs root to mount a small tmpfs");
            try
            {
                var path = Path.Combine(disk, "out.npy");
                AtomicFile.Write(path, new byte[] { 1, 2, 3 });
                var e = Assert.Throws<IOException>(() => AtomicFile.Write(path, new byte[256 * 1024]));
                Assert.That(e.Message, Does.Contain(path).And.Contain("cannot write"));
                Assert.That(File.ReadAllBytes(path), Is.EqualTo(new byte[] { 1, 2, 3 }), "the old file is kept");
                Assert.That(Directory.GetFiles(disk), Is.EqualTo(new[] { path }), "no temporary left");
            }
            finally { Sh($"umount {Q(disk)} || umount -l {Q(disk)}"); }
        }

        [Test]
        public void ARegularFileIsReplacedInPlace()
        {
            var path = Path.Combine(_dir, "a", "b.bin");
            AtomicFile.Write(path, new byte[] { 1, 2 });
            AtomicFile.Write(path, new byte[] { 3 });
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(new byte[] { 3 }));
            Assert.That(Directory.GetFiles(Path.Combine(_dir, "a")), Is.EqualTo(new[] { path }));
        }
    }
}
