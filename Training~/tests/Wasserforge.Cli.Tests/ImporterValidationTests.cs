using System;
using System.IO;
using NUnit.Framework;
using Wasserforge.Editor;

namespace Wasserforge.Cli.Tests
{
    /// <summary>What the .onnx importer shows for good and broken models (GeneratorValidation never throws).</summary>
    public class ImporterValidationTests
    {
        static string Fixture(string name)
        {
            var d = new DirectoryInfo(AppContext.BaseDirectory);
            while (!File.Exists(Path.Combine(d.FullName, "package.json"))) d = d.Parent;
            return Path.Combine(d.FullName, "Tests", "Fixtures", name);
        }

        [Test]
        public void AValidGeneratorHasItsDescriptionAndNoMessages()
        {
            var r = GeneratorValidation.Validate(File.ReadAllBytes(Fixture("generator_v1_rgb_4x4.onnx")), "Assets/Floors.onnx");
            Assert.That(r.Errors, Is.Empty);
            Assert.That(r.Warnings, Is.Empty);
            Assert.That(r.Description, Is.Not.Null);
            Assert.That((r.Description.Width, r.Description.Height, r.Description.Channels, r.Description.LatentDim), Is.EqualTo((4, 4, 3, 8)));
        }

        [TestCase("broken_v1_input_name.onnx", "'z'")]
        [TestCase("broken_v99_contract.onnx", "Upgrade")]
        [TestCase("broken_v1_missing_width.onnx", "width")]
        public void ABrokenGeneratorBecomesOneErrorNamingTheFile(string fixture, string mentions)
        {
            var r = GeneratorValidation.Validate(File.ReadAllBytes(Fixture(fixture)), "Assets/" + fixture);
            Assert.That(r.Description, Is.Null);
            Assert.That(r.Errors, Has.Length.EqualTo(1));
            Assert.That(r.Errors[0], Does.Contain("Assets/" + fixture).And.Contain(mentions));
        }

        [Test]
        public void EmptyOrGarbageBytesAreErrorsNotExceptions()
        {
            Assert.That(GeneratorValidation.Validate(new byte[0], "Assets/e.onnx").Errors[0], Does.Contain("Assets/e.onnx").And.Contain("empty"));
            Assert.That(GeneratorValidation.Validate(null, "Assets/n.onnx").Errors, Has.Length.EqualTo(1));
            var garbage = GeneratorValidation.Validate(System.Text.Encoding.ASCII.GetBytes("this is not an onnx model at all"), "Assets/g.onnx");
            Assert.That(garbage.Errors, Has.Length.EqualTo(1));
            Assert.That(garbage.Errors[0], Does.Contain("Assets/g.onnx"));
        }

        [Test]
        public void TheRuntimeStateTheImportDependsOnNamesTheLoadedOnnxRuntime()
        {
            // Its hash is the custom dependency every generator import declares: when it changes (ORT
            // could not load, now it can; another ORT version) every generator asset is validated again.
            var state = GeneratorValidation.RuntimeState();
            Assert.That(state, Does.Match(@"^ONNX Runtime 1\.\d+\.\d+ \(.*CPUExecutionProvider.*\)$"));
            Assert.That(GeneratorValidation.RuntimeState(), Is.EqualTo(state), "stable while nothing changes");
            Assert.That(GeneratorValidation.RuntimeDependency, Does.StartWith("wasserforge/"));
        }

        [Test]
        public void ATextureModelIsValidAndSaysWhereItRuns()
        {
            var r = GeneratorValidation.Validate(File.ReadAllBytes(Fixture("texture_v2_rgb_s4.onnx")), "Assets/stone.onnx");
            Assert.That(r.Errors, Is.Empty);
            Assert.That(r.Description.IsTexture, Is.True);
            Assert.That(r.Warnings, Has.Length.EqualTo(1));
            Assert.That(r.Warnings[0], Does.StartWith("Assets/stone.onnx: ").And.Contain("multiples of 4 px").And.Contain("Deterministic"));
        }

        [Test]
        public void APointGeneratorIsValidWithAWarning()
        {
            var r = GeneratorValidation.Validate(File.ReadAllBytes(Fixture("points_v1_2d.onnx")), "Assets/points.onnx");
            Assert.That(r.Errors, Is.Empty);
            Assert.That(r.Warnings, Has.Length.EqualTo(1));
            Assert.That(r.Warnings[0], Does.Contain("no texture form"));
        }
    }
}
