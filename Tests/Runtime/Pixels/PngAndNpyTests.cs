using System;
using System.Diagnostics;
using System.IO;
using NUnit.Framework;
using Wasserforge.Pixels;

namespace Wasserforge.Tests.Pixels
{
    public class PngAndNpyTests
    {
        static string RunPython(string script, string file)
        {
            var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add("-c"); psi.ArgumentList.Add(script); psi.ArgumentList.Add(file);
            using (var p = Process.Start(psi))
            {
                var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
                p.WaitForExit();
                Assert.That(p.ExitCode, Is.EqualTo(0), output);
                return output.Trim();
            }
        }

        static void NeedPython()
        {
            if (!File.Exists("/usr/bin/python3")) Assert.Ignore("needs /usr/bin/python3 (zlib, numpy) as an independent decoder");
        }

        [TestCase(1, 7, 5)]
        [TestCase(3, 7, 5)]
        [TestCase(4, 7, 5)]
        [TestCase(4, 300, 41)]   // several deflate blocks and Adler-32 runs over 5552 bytes
        [TestCase(1, 1, 1)]
        public void PngDecodesIndependently(int channels, int w, int h)
        {
            NeedPython();
            var pixels = new byte[w * h * channels];
            for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 37 % 256);
            var path = Path.Combine(TestPaths.NewTempDir(), "img.png");
            PngEncoder.WriteFile(path, pixels, w, h, channels);
            // A from-scratch PNG reader in Python: zlib + struct, filter type 0, checks every CRC.
            var script = "import sys,zlib,struct\nb=open(sys.argv[1],'rb').read()\nassert b[:8]==b'\\x89PNG\\r\\n\\x1a\\n'\np=8;idat=b'';hdr=None\n" +
                         "while p<len(b):\n n,=struct.unpack('>I',b[p:p+4]);t=b[p+4:p+8];d=b[p+8:p+8+n];c,=struct.unpack('>I',b[p+8+n:p+12+n])\n" +
                         " assert zlib.crc32(t+d)&0xffffffff==c\n if t==b'IHDR':hdr=struct.unpack('>IIBBBBB',d)\n if t==b'IDAT':idat+=d\n p+=12+n\n" +
                         "w,h=hdr[0],hdr[1];raw=zlib.decompress(idat);ch={0:1,2:3,6:4}[hdr[3]];s=w*ch\n" +
                         "out=b''.join(raw[y*(s+1)+1:(y+1)*(s+1)] for y in range(h))\nassert all(raw[y*(s+1)]==0 for y in range(h))\nprint(w,h,ch,out.hex())";
            var parts = RunPython(script, path).Split(' ');
            Assert.That(parts[0], Is.EqualTo(w.ToString()));
            Assert.That(parts[1], Is.EqualTo(h.ToString()));
            Assert.That(parts[2], Is.EqualTo(channels.ToString()));
            Assert.That(parts[3], Is.EqualTo(BitConverter.ToString(pixels).Replace("-", "").ToLowerInvariant()));
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)), Has.Length.EqualTo(1), "no temporary file left");
        }

        [Test]
        public void NpyLoadsInNumpy()
        {
            NeedPython();
            var values = new float[] { 1.5f, -2f, 0f, 3.25f, 1e-8f, -7f };
            var path = Path.Combine(TestPaths.NewTempDir(), "a.npy");
            NpyWriter.WriteFile(path, values, 1, 2, 3);
            var output = RunPython("import numpy,sys\na=numpy.load(sys.argv[1])\nprint(a.dtype, a.shape, ' '.join(repr(float(v)) for v in a.reshape(-1)))", path);
            Assert.That(output, Does.StartWith("float32 (1, 2, 3) 1.5 -2.0 0.0 3.25"));
            Assert.Throws<ArgumentException>(() => NpyWriter.Encode(values, 4));
            Assert.Throws<ArgumentException>(() => NpyWriter.Encode(values, -2, -3));
        }

        [TestCase(new int[0], 1)]
        [TestCase(new[] { 5 }, 5)]
        [TestCase(new[] { 2, 0, 3 }, 0)]
        [TestCase(new[] { 2, 3, 4, 5, 6 }, 720)]
        public void NpyShapesOfAnyRankLoadInNumpy(int[] shape, int count)
        {
            NeedPython();
            var values = new float[count];
            for (var i = 0; i < count; i++) values[i] = i * 0.5f - 3;
            var path = Path.Combine(TestPaths.NewTempDir(), "s.npy");
            NpyWriter.WriteFile(path, values, shape);
            var bytes = File.ReadAllBytes(path);
            Assert.That((10 + (bytes[8] | bytes[9] << 8)) % 64, Is.EqualTo(0), "data is 64-byte aligned");
            var output = RunPython("import numpy,sys\na=numpy.load(sys.argv[1])\nprint(a.dtype, list(a.shape), float(a.sum()), a.flags['C_CONTIGUOUS'])", path);
            double sum = 0; foreach (var v in values) sum += v;
            Assert.That(output, Is.EqualTo($"float32 [{string.Join(", ", shape)}] {sum.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} True"));
        }

        [Test]
        public void WritesReplaceOldFilesAndLeaveNoTemporaries()
        {
            var dir = TestPaths.NewTempDir();
            var path = Path.Combine(dir, "sub", "img.png");
            PngEncoder.WriteFile(path, new byte[] { 1, 2, 3, 4 }, 1, 1);
            var first = File.ReadAllBytes(path);
            PngEncoder.WriteFile(path, new byte[] { 9, 9, 9, 9, 8, 8, 8, 8 }, 2, 1);
            Assert.That(File.ReadAllBytes(path), Is.Not.EqualTo(first));
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(PngEncoder.Encode(new byte[] { 9, 9, 9, 9, 8, 8, 8, 8 }, 2, 1)));
            Assert.That(Directory.GetFiles(Path.Combine(dir, "sub")), Is.EqualTo(new[] { path }), "no temporary file left");
            var e = Assert.Throws<IOException>(() => NpyWriter.WriteFile(Path.Combine(dir, "sub"), new float[1], 1));
            Assert.That(e.Message, Does.Contain(Path.Combine(dir, "sub")).And.Contain("folder"));
        }

        [Test]
        public void KnownChecksums()
        {
            Assert.That(PngEncoder.Adler32(System.Text.Encoding.ASCII.GetBytes("Wikipedia")), Is.EqualTo(0x11E60398u));
            Assert.That(PngEncoder.Crc32(System.Text.Encoding.ASCII.GetBytes("123456789"), default), Is.EqualTo(0xCBF43926u));
        }

        [Test]
        public void BadArgumentsThrow()
        {
            Assert.Throws<ArgumentException>(() => PngEncoder.Encode(new byte[10], 2, 2, 4));
            Assert.Throws<ArgumentException>(() => PngEncoder.Encode(new byte[16], 2, 2, 2));
            Assert.Throws<ArgumentException>(() => PngEncoder.Encode(new byte[16], 0, 2, 4));
        }
    }
}
