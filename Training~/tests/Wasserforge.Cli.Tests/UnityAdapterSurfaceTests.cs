using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Wasserforge.Editor;

namespace Wasserforge.Cli.Tests
{
    /// <summary>
    /// Keeps the Unity side honest without Unity: the stubs declare only members the adapters use, the
    /// asmdefs wire the assemblies as documented, native plugins are enabled for their platform only,
    /// and the sample's bundled generator imports cleanly.
    /// </summary>
    public class UnityAdapterSurfaceTests
    {
        static string Root => Wasserforge.Tests.TestPaths.PackageRoot;

        static string Sources(params string[] folders) =>
            string.Concat(folders.SelectMany(f => Directory.GetFiles(Path.Combine(Root, f), "*.cs", SearchOption.AllDirectories)).Select(File.ReadAllText));

        static JsonElement Asmdef(string path) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, path))).RootElement;

        static string[] Strings(JsonElement e, string key) => e.TryGetProperty(key, out var a) ? a.EnumerateArray().Select(x => x.GetString()).ToArray() : new string[0];

        [Test]
        public void StubsDeclareOnlyMembersTheAdaptersUse()
        {
            var used = Sources("Runtime/Unity", "Editor/Unity", "Samples~");
            var member = new Regex(@"public (?:static |virtual |abstract |override |sealed |event )*(?!class |struct |enum |interface |delegate )[\w<>\[\]\.,]+ (\w+)\s*(?:<T>)?\s*(?:\(|\{|=>|;)");
            var unused = Directory.GetFiles(Path.Combine(Root, "Projects~", "UnityStubs"), "*.cs")
                .SelectMany(File.ReadAllLines)
                .Select(l => member.Match(l))
                .Where(m => m.Success && m.Groups[1].Value != "operator")
                .Select(m => m.Groups[1].Value)
                .Where(name => !Regex.IsMatch(used, @"\b" + name + @"\b"))
                .Distinct().ToArray();
            Assert.That(unused, Is.Empty, "stub members no adapter uses: remove them from Projects~/UnityStubs");
        }

        [Test]
        public void AssembliesAreWiredAsDocumented()
        {
            var unity = Asmdef("Runtime/Unity/Wasserforge.Runtime.Unity.asmdef");
            Assert.That(unity.GetProperty("name").GetString(), Is.EqualTo("Wasserforge.Runtime.Unity"));
            Assert.That(Strings(unity, "references"), Does.Contain("Wasserforge.Runtime"));
            Assert.That(unity.GetProperty("noEngineReferences").GetBoolean(), Is.False);

            var editor = Asmdef("Editor/Unity/Wasserforge.Editor.asmdef");
            Assert.That(Strings(editor, "includePlatforms"), Is.EqualTo(new[] { "Editor" }));
            Assert.That(Strings(editor, "references"), Is.SupersetOf(new[] { "Wasserforge.Runtime", "Wasserforge.Runtime.Unity", "Wasserforge.Editor.Core" }));

            var tests = Asmdef("Tests/Editor/Wasserforge.Editor.Tests.asmdef");
            Assert.That(Strings(tests, "includePlatforms"), Is.EqualTo(new[] { "Editor" }));
            Assert.That(Strings(tests, "defineConstraints"), Does.Contain("UNITY_INCLUDE_TESTS"));
            Assert.That(tests.GetProperty("autoReferenced").GetBoolean(), Is.False);
            Assert.That(Strings(Asmdef("Tests/Runtime/Wasserforge.Runtime.Tests.asmdef"), "references"), Has.None.StartsWith("Wasserforge.Editor"), "PlayMode tests never reference the Editor assembly");

            var importer = File.ReadAllText(Path.Combine(Root, "Editor/Unity/Import/OnnxGeneratorImporter.cs"));
            foreach (var define in editor.GetProperty("versionDefines").EnumerateArray().Select(v => v.GetProperty("define").GetString()))
                Assert.That(importer, Does.Contain(define), "the importer steps back when " + define + " is set");
        }

        [TestCase("Runtime/Plugins/Linux/x86_64/libonnxruntime.so.meta", "Linux64", "Linux", "x86_64")]
        [TestCase("Runtime/Plugins/Windows/x86_64/onnxruntime.dll.meta", "Win64", "Windows", "x86_64")]
        [TestCase("Runtime/Plugins/Windows/x86_64/DirectML.dll.meta", "Win64", "Windows", "x86_64")]
        [TestCase("Runtime/Plugins/macOS/arm64/libonnxruntime.dylib.meta", "OSXUniversal", "OSX", "ARM64")]
        public void NativePluginsAreEnabledForTheirPlatformOnly(string meta, string standalone, string editorOs, string cpu)
        {
            var text = File.ReadAllText(Path.Combine(Root, meta));
            Assert.That(text, Does.Contain("PluginImporter:"));
            var blocks = Regex.Split(text, @"\n  - first:\n").Skip(1).ToArray();
            string Block(string key) => blocks.Single(b => b.TrimStart().StartsWith(key));
            Assert.That(Block("Editor: Editor"), Does.Contain("enabled: 1").And.Contain("OS: " + editorOs).And.Contain("CPU: " + cpu));
            Assert.That(Block("Standalone: " + standalone), Does.Contain("enabled: 1").And.Contain("CPU: " + cpu));
            foreach (var other in new[] { "Linux64", "Win64", "OSXUniversal" }.Where(o => o != standalone))
                Assert.That(Block("Standalone: " + other), Does.Contain("enabled: 0"));
            Assert.That(Block("Any:"), Does.Contain("enabled: 0"));
        }

        [Test]
        public void TheSamplesBundledGeneratorImportsCleanly()
        {
            var path = Path.Combine(Root, "Samples~", "TextureFromSeed", "ProceduralTextures.onnx");
            var r = GeneratorValidation.Validate(File.ReadAllBytes(path), "Assets/Samples/ProceduralTextures.onnx");
            Assert.That(r.Errors, Is.Empty);
            Assert.That(r.Warnings, Is.Empty);
            Assert.That(r.Description.IsImage, Is.True);
        }

        [Test]
        public void DeliberatelyBrokenFixturesAreMarkedSoTheImporterStaysQuiet()
        {
            foreach (var onnx in Directory.GetFiles(Path.Combine(Root, "Tests", "Fixtures"), "*.onnx"))
            {
                var meta = File.ReadAllText(onnx + ".meta");
                var broken = Path.GetFileName(onnx).StartsWith("broken_");
                Assert.That(meta.Contains("userData: " + OnnxImporterTag), Is.EqualTo(broken), Path.GetFileName(onnx));
            }
        }

        /// <summary>OnnxGeneratorImporter.ExpectedInvalid (the importer itself needs Unity to compile).</summary>
        const string OnnxImporterTag = "wasserforge:expected-invalid";
    }
}
