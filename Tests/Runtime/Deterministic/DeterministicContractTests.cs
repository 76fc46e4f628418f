using System.IO;
using NUnit.Framework;
using Wasserforge.Deterministic;

namespace Wasserforge.Tests.Deterministic
{
    /// <summary>The deterministic device checks the model contract exactly as the ONNX Runtime path does.</summary>
    public class DeterministicContractTests
    {
        [TestCase("broken_v1_input_name.onnx")]
        [TestCase("broken_v1_output_name.onnx")]
        [TestCase("broken_v1_fixed_batch.onnx")]
        [TestCase("broken_v1_int64_input.onnx")]
        [TestCase("broken_v1_float64_output.onnx")]
        [TestCase("broken_v1_latent_mismatch.onnx")]
        [TestCase("broken_v1_shape_mismatch.onnx")]
        [TestCase("broken_v1_no_metadata.onnx")]
        [TestCase("broken_v1_missing_width.onnx")]
        [TestCase("broken_v99_contract.onnx")]
        public void BrokenFixturesFailWithTheSameReasonAndMessage(string fixture)
        {
            var path = TestPaths.Fixture(fixture);
            var ort = Assert.Throws<ModelLoadException>(() => GeneratorModel.Load(path, new GeneratorOptions { Device = ExecutionDevice.Cpu }).Dispose());
            var det = Assert.Throws<ModelLoadException>(() => DeterministicGenerator.Load(path).Dispose());
            Assert.That(det.Reason, Is.EqualTo(ort.Reason), det.Message);
            Assert.That(det.FilePath, Is.EqualTo(path));
            Assert.That(det.Message, Is.EqualTo(ort.Message));
        }

        [Test]
        public void DescriptionIsTheContractsReading()
        {
            var path = Path.Combine(TestPaths.PackageRoot, "Samples~", "TextureFromSeed", "ProceduralTextures.onnx");
            using (var ort = GeneratorModel.Load(path, new GeneratorOptions { Device = ExecutionDevice.Cpu }))
            using (var det = DeterministicGenerator.Load(path))
            {
                Assert.That(det.Description.ToMetadata(), Is.EquivalentTo(ort.Description.ToMetadata()));
                Assert.That(det.Source, Is.EqualTo(path));
            }
        }
    }
}
