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
    /// asmdefs wire the assemblies as documented, ONNX Runtime comes from its own UPM package, and the
    /// sample's bundled generator imports cleanly.
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

        [Test]
        public void OnnxRuntimeComesFromItsUnityPackageNotFromNativeLibrariesInThisOne()
        {
            var runtime = Asmdef("Runtime/Wasserforge.Runtime.asmdef");
            Assert.That(Strings(runtime, "references"), Does.Contain("com.github.asus4.onnxruntime"));
            var gpu = runtime.GetProperty("versionDefines").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ToArray();
            Assert.That(gpu, Is.EquivalentTo(new[] { "com.github.asus4.onnxruntime.win-x64-gpu", "com.github.asus4.onnxruntime.linux-x64-gpu" }));
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "package.json")));
            Assert.That(manifest.RootElement.GetProperty("dependencies").GetProperty("com.github.asus4.onnxruntime").GetString(), Is.EqualTo("0.4.9"));
            Assert.That(manifest.RootElement.GetProperty("unity").GetString(), Is.EqualTo("2022.3"), "what com.github.asus4.onnxruntime declares");
            // What Unity imports: folders not ending in '~' nor starting with '.'.
            var natives = Directory.GetDirectories(Root).Where(d => !Path.GetFileName(d).EndsWith("~") && !Path.GetFileName(d).StartsWith("."))
                .SelectMany(d => Directory.GetFiles(d, "*", SearchOption.AllDirectories))
                .Select(f => Path.GetRelativePath(Root, f))
                .Where(f => !f.Contains("~") && Regex.IsMatch(f, @"\.(dll|so|dylib|aar)$"));
            Assert.That(natives, Is.Empty, "native libraries inside the package");
        }

        [Test]
        public void ThePlatformTableNamesExactlyTheLibrariesTheUnityOnnxRuntimePackageShips()
        {
            // files.txt is the npm tarball's file list, kept by Tools~/fetch-unity-onnxruntime.sh (run by setup.sh).
            var list = Path.Combine(Root, ".cache~", "com.github.asus4.onnxruntime-0.4.9", "files.txt");
            Assert.That(File.Exists(list), Is.True, "run Tools~/fetch-unity-onnxruntime.sh");
            var shipped = File.ReadAllLines(list).Select(l => l.Substring(l.IndexOf(' ') + 1))
                .Where(f => f.StartsWith("Plugins/") && !f.EndsWith(".meta"))
                .Select(f => f.Contains(".xcframework/") ? f.Substring(0, f.IndexOf(".xcframework/") + ".xcframework".Length) : f)
                .Distinct().ToArray();
            var doc = File.ReadAllText(Path.Combine(Root, "Documentation~", "unity.md"));
            var table = doc.Substring(doc.IndexOf("| Platform |"));
            table = table.Substring(0, table.IndexOf("\n\n"));
            var named = Regex.Matches(table, @"`(Plugins/[^`]+)`").Select(m => m.Groups[1].Value).Distinct().ToArray();
            Assert.That(named, Is.EquivalentTo(shipped), "Documentation~/unity.md's platform table against the package's native files");
            // DirectML would need its own DirectML.dll beside onnxruntime.dll: the table must not promise it.
            Assert.That(shipped.Any(f => f.EndsWith("DirectML.dll")), Is.False);
            Assert.That(Regex.IsMatch(table, @"\|[^|\n]*\bDirectML\b[^|\n]*\|\s*$", RegexOptions.Multiline), Is.False, "no platform row lists DirectML as a provider");
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
