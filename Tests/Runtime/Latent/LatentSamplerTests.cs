using System;
using System.Globalization;
using System.IO;
using System.Linq;
using NUnit.Framework;
using Wasserforge.Latent;

namespace Wasserforge.Tests.Latent
{
    public class LatentSamplerTests
    {
        [Test]
        public void MatchesTheIndependentPythonImplementationBitForBit()
        {
            var lines = File.ReadAllLines(Path.Combine(TestPaths.PackageRoot, "Tests", "Runtime", "Latent", "golden_latents.txt"));
            Assert.That(lines.Length, Is.EqualTo(8));
            foreach (var line in lines)
            {
                var parts = line.Split(' ');
                var seed = ulong.Parse(parts[0], CultureInfo.InvariantCulture);
                var expected = parts.Skip(1).Select(h => uint.Parse(h, NumberStyles.HexNumber)).ToArray();
                var z = new float[16];
                LatentSampler.Sample(seed, z);
                var bits = z.Select(v => BitConverter.ToUInt32(BitConverter.GetBytes(v), 0)).ToArray();
                Assert.That(bits, Is.EqualTo(expected), "seed " + seed);
            }
        }

        [Test]
        public void TheGoldenFilesAreWhatTheReferenceScriptWrites()
        {
            if (!File.Exists("/usr/bin/python3")) Assert.Ignore("needs python3 to run reference_latents.py");
            var here = Path.Combine(TestPaths.PackageRoot, "Tests", "Runtime", "Latent");
            var dir = TestPaths.NewTempDir();
            var psi = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(Path.Combine(here, "reference_latents.py"));
            psi.ArgumentList.Add("--out");
            psi.ArgumentList.Add(dir);
            using (var p = System.Diagnostics.Process.Start(psi))
            {
                var err = p.StandardError.ReadToEnd();
                p.WaitForExit();
                Assert.That(p.ExitCode, Is.EqualTo(0), err);
            }
            foreach (var name in new[] { "golden_latents.txt", "golden_slerp.txt" })
                Assert.That(File.ReadAllText(Path.Combine(dir, name)), Is.EqualTo(File.ReadAllText(Path.Combine(here, name))), name);
        }

        [Test]
        public void PrefixesAgreeAcrossLengths()
        {
            var a = LatentSampler.Sample(77, 5);
            var b = LatentSampler.Sample(77, 64);
            Assert.That(b.Take(4), Is.EqualTo(a.Take(4)));
        }

        [Test]
        public void LooksStandardNormal()
        {
            var z = LatentSampler.Sample(3, 200000);
            var mean = z.Average(v => (double)v);
            var variance = z.Average(v => (v - mean) * (v - mean));
            Assert.That(mean, Is.EqualTo(0).Within(0.01));
            Assert.That(variance, Is.EqualTo(1).Within(0.02));
            var within1 = z.Count(v => Math.Abs(v) < 1) / (double)z.Length;
            Assert.That(within1, Is.EqualTo(0.6827).Within(0.005));
        }

        [Test]
        public void BatchEqualsOneByOne()
        {
            var seeds = new ulong[] { 5, 9, 5 };
            var batch = new float[3 * 6];
            LatentSampler.SampleBatch(seeds, 6, batch);
            Assert.That(batch.Skip(0).Take(6), Is.EqualTo(LatentSampler.Sample(5, 6)));
            Assert.That(batch.Skip(6).Take(6), Is.EqualTo(LatentSampler.Sample(9, 6)));
            Assert.That(batch.Skip(12).Take(6), Is.EqualTo(LatentSampler.Sample(5, 6)));
        }

        [Test]
        public void SamplingAllocatesNothing()
        {
            var z = new float[128];
            LatentSampler.Sample(1, z);
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (ulong s = 0; s < 1000; s++) LatentSampler.Sample(s, z);
            Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.EqualTo(0));
        }
    }
}
