using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using NUnit.Framework;

namespace Wasserforge.Cli.Tests
{
    /// <summary>Checks that keep the folder a valid Unity package.</summary>
    public class PackageLayoutTests
    {
        static string Root => Wasserforge.Tests.TestPaths.PackageRoot;

        [Test]
        public void EveryImportedFileHasAMeta()
        {
            var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(Path.Combine(Root, "Tools~", "make-meta.py"));
            psi.ArgumentList.Add("--check");
            using var p = Process.Start(psi);
            var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.That(p.ExitCode, Is.EqualTo(0), "run python3 Tools~/make-meta.py:\n" + output);
        }

        [Test]
        public void ManifestHasTheFieldsUnityAndTheRegistryNeed()
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "package.json")));
            var m = doc.RootElement;
            foreach (var key in new[] { "name", "displayName", "version", "unity", "unityRelease", "description", "keywords", "author", "license", "samples", "documentationUrl", "changelogUrl" })
                Assert.That(m.TryGetProperty(key, out _), Is.True, key);
            Assert.That(m.GetProperty("name").GetString(), Does.Match("^com\\.[a-z0-9-]+\\.[a-z0-9-]+$"));
            Assert.That(m.GetProperty("version").GetString(), Does.Match(@"^\d+\.\d+\.\d+"));
            foreach (var sample in m.GetProperty("samples").EnumerateArray())
                Assert.That(Directory.Exists(Path.Combine(Root, sample.GetProperty("path").GetString())), Is.True, sample.GetProperty("path").GetString());
            Assert.That(File.ReadAllText(Path.Combine(Root, "CHANGELOG.md")), Does.Contain("## [" + "Unreleased]").Or.Contain("## [" + m.GetProperty("version").GetString()));
        }

        [Test]
        public void CoreAssembliesHaveNoEngineReferences()
        {
            foreach (var asmdef in new[] { "Runtime/Wasserforge.Runtime.asmdef" })
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, asmdef)));
                Assert.That(doc.RootElement.GetProperty("noEngineReferences").GetBoolean(), Is.True, asmdef);
            }
            using var tests = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "Tests/Runtime/Wasserforge.Runtime.Tests.asmdef")));
            Assert.That(tests.RootElement.GetProperty("autoReferenced").GetBoolean(), Is.False);
            Assert.That(tests.RootElement.GetProperty("defineConstraints")[0].GetString(), Is.EqualTo("UNITY_INCLUDE_TESTS"));
        }
    }
}
