using System;
using System.IO;
using System.Linq;
using NUnit.Framework;
using TorchSharp;
using Wasserforge.Build;
using static TorchSharp.torch;

namespace Wasserforge.Training.Tests
{
    /// <summary>
    /// TorchSharp loads on this machine (on Debian 12 only through the build's fix of libLibTorchSharp.so),
    /// from the build output's own copy, and the fix is the two-field ELF edit it claims to be.
    /// </summary>
    public class TorchSharpLoadTests
    {
        static string NuGetCopy()
        {
            var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            return Path.Combine(root, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        }

        static string LoadedLibTorchSharp() =>
            File.ReadAllLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length >= 6)
                .Select(p => p[5]).FirstOrDefault(p => p.EndsWith("/libLibTorchSharp.so", StringComparison.Ordinal));

        [Test]
        public void TorchSharpLoadsAndDifferentiatesTwice()
        {
            // Fails (TypeInitializationException naming libLibTorchSharp.so) when the native library cannot be loaded.
            using var scope = NewDisposeScope();
            var x = tensor(new double[] { 0.5, -1.5, 2.0 }).requires_grad_();
            var y = (x * x * x).sum();
            var g = autograd.grad(new[] { y }, new[] { x }, create_graph: true, retain_graph: true)[0];
            var gg = autograd.grad(new[] { g.sum() }, new[] { x })[0];
            Assert.That(g.data<double>().ToArray(), Is.EqualTo(new[] { 0.75, 6.75, 12.0 }).Within(1e-12));
            Assert.That(gg.data<double>().ToArray(), Is.EqualTo(new[] { 3.0, -9.0, 12.0 }).Within(1e-12));
            Assert.That(__version__, Does.StartWith("2.10"), "libtorch of TorchSharp 0.107");
        }

        [Test]
        public void TheLoadedLibraryIsTheBuildOutputsCopyFixedOnlyWhereTheSystemNeedsIt()
        {
            if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
                Assert.Ignore("the libstdc++ fix concerns Linux x64 only");
            _ = zeros(1);
            var loaded = LoadedLibTorchSharp();
            Assert.That(loaded, Is.Not.Null, "libLibTorchSharp.so is mapped");
            Assert.That(Path.GetFullPath(loaded), Does.StartWith(Path.GetFullPath(AppContext.BaseDirectory)), "loaded from the build output");
            Assert.That(loaded, Does.Not.Contain("/cpu/"), "not TorchSharp's fallback copy from the NuGet cache");
            var system = LibStdCxxVersionFix.SystemLibStdCxx();
            var available = LibStdCxxVersionFix.DefinedVersions(system);
            var required = LibStdCxxVersionFix.Requirements(loaded);
            var missing = required.Where(r => !available.Contains(r.Version)).ToList();
            Assert.That(missing.All(r => r.Weak && r.Symbols.Count == 0), Is.True, $"every version {system} lacks is optional in the loaded copy: {string.Join(", ", missing.Select(m => m.Version))}");
            if (missing.Count == 0) Assert.That(required.Any(r => r.Weak), Is.False, "a system with every version gets the library as shipped");
            if (File.Exists(NuGetCopy()))
            {
                var cached = LibStdCxxVersionFix.Requirements(NuGetCopy());
                Assert.That(cached.Any(r => r.Weak), Is.False, "the NuGet cache's copy is untouched");
            }
        }

        [Test]
        public void TheFixEditsOnlyTheVersionFieldsAndRefusesSymbolsThatAreCalled()
        {
            if (!File.Exists(NuGetCopy())) Assert.Ignore("TorchSharp 0.107.0 is not in the NuGet cache here");
            var dir = TestDirs.New("wf-elf-");
            try
            {
                var copy = Path.Combine(dir, "libLibTorchSharp.so");
                File.Copy(NuGetCopy(), copy);
                var original = File.ReadAllBytes(copy);
                var before = LibStdCxxVersionFix.Requirements(copy);
                var newest = before.Single(r => r.Version == "GLIBCXX_3.4.32");
                Assert.That((newest.Weak, newest.Symbols, newest.RelocatedSymbols), Is.EqualTo((false, new[] { "_ZSt21ios_base_library_initv" }, new string[0])));

                // A GCC 12 system: every version but 3.4.32.
                var gcc12 = before.Select(r => r.Version).Where(v => v != "GLIBCXX_3.4.32").ToHashSet();
                var outcome = LibStdCxxVersionFix.Apply(copy, gcc12);
                Assert.That(outcome.Weakened, Is.EqualTo(new[] { "GLIBCXX_3.4.32" }));
                Assert.That(outcome.Unversioned, Is.EqualTo(new[] { "_ZSt21ios_base_library_initv" }));
                var after = File.ReadAllBytes(copy);
                Assert.That(after.Length, Is.EqualTo(original.Length));
                Assert.That(Enumerable.Range(0, after.Length).Count(i => after[i] != original[i]), Is.InRange(1, 3), "one flag byte and the symbols' version indices");
                Assert.That(LibStdCxxVersionFix.Requirements(copy).Single(r => r.Version == "GLIBCXX_3.4.32").Weak, Is.True);
                Assert.That(LibStdCxxVersionFix.Apply(copy, gcc12).Weakened, Is.Empty, "idempotent");
                Assert.That(File.ReadAllBytes(copy), Is.EqualTo(after));

                // A version whose symbols are really called cannot be waved away.
                var older = gcc12.Where(v => v != "GLIBCXX_3.4.30").ToHashSet();
                var e = Assert.Throws<InvalidOperationException>(() => LibStdCxxVersionFix.Apply(copy, older));
                Assert.That(e.Message, Does.Contain("GLIBCXX_3.4.30").And.Contain("libstdc++"));
                Assert.That(File.ReadAllBytes(copy), Is.EqualTo(after), "nothing written on refusal");
            }
            finally { Directory.Delete(dir, true); }
        }
    }
}
