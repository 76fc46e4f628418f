using System;
using System.IO;
using NUnit.Framework;
using Wasserforge.Onnx;

namespace Wasserforge.Tests.Generation
{
    public class ModelLoadErrorTests
    {
        static ModelLoadException LoadFails(string path)
        {
            var e = Assert.Throws<ModelLoadException>(() => GeneratorModel.Load(path).Dispose());
            Assert.That(e.FilePath, Is.EqualTo(path));
            Assert.That(e.Message, Does.StartWith(path + ": "));
            return e;
        }

        [Test]
        public void MissingFileIsNotAFile()
        {
            var e = LoadFails(Path.Combine(TestPaths.Fixtures, "no_such_model.onnx"));
            Assert.That(e.Reason, Is.EqualTo(ModelLoadError.NotAFile));
            Assert.That(e.Message, Does.Contain("not found"));
        }

        [Test]
        public void FolderIsNotAFile()
        {
            Assert.That(LoadFails(TestPaths.Fixtures).Reason, Is.EqualTo(ModelLoadError.NotAFile));
        }

        [Test]
        public void PngBytesAreNotOnnx()
        {
            var dir = TestPaths.NewTempDir();
            var path = Path.Combine(dir, "texture.onnx");
            File.WriteAllBytes(path, new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52 });
            var e = LoadFails(path);
            Assert.That(e.Reason, Is.EqualTo(ModelLoadError.NotOnnx));
            Assert.That(e.Message, Does.Contain("not an ONNX model"));
        }

        [TestCase(1)]
        [TestCase(2)]
        [TestCase(3)]
        public void RandomBytesAreNotOnnx(int seed)
        {
            var bytes = new byte[4096];
            new Random(seed).NextBytes(bytes);
            var path = Path.Combine(TestPaths.NewTempDir(), "noise.onnx");
            File.WriteAllBytes(path, bytes);
            var e = LoadFails(path);
            Assert.That(e.Reason, Is.EqualTo(ModelLoadError.NotOnnx));
        }

        [Test]
        public void TextFileIsNotOnnx()
        {
            var path = Path.Combine(TestPaths.NewTempDir(), "notes.onnx");
            File.WriteAllText(path, "name: my texture set\nsize: 64\n");
            Assert.That(LoadFails(path).Reason, Is.EqualTo(ModelLoadError.NotOnnx));
        }

        [Test]
        public void EmptyFileIsNotOnnx()
        {
            var path = Path.Combine(TestPaths.NewTempDir(), "empty.onnx");
            File.WriteAllBytes(path, new byte[0]);
            Assert.That(LoadFails(path).Reason, Is.EqualTo(ModelLoadError.NotOnnx));
        }

        [TestCase(0.01)]
        [TestCase(0.2)]
        [TestCase(0.5)]
        [TestCase(0.9)]
        [TestCase(0.98)]
        public void PrefixOfAValidFileIsTruncated(double keep)
        {
            var bytes = File.ReadAllBytes(TestPaths.Fixture("generator_v1_rgb_4x4.onnx"));
            var path = Path.Combine(TestPaths.NewTempDir(), "cut.onnx");
            File.WriteAllBytes(path, bytes.AsSpan(0, (int)(bytes.Length * keep)).ToArray());
            var e = LoadFails(path);
            Assert.That(e.Reason, Is.EqualTo(ModelLoadError.Truncated));
            Assert.That(e.Message, Does.Contain("truncated"));
        }

        [TestCase("broken_v1_input_name.onnx", ModelLoadError.WrongInput, "'latent'")]
        [TestCase("broken_v1_fixed_batch.onnx", ModelLoadError.WrongInput, "dynamic batch")]
        [TestCase("broken_v1_int64_input.onnx", ModelLoadError.WrongInput, "int64")]
        [TestCase("broken_v1_latent_mismatch.onnx", ModelLoadError.WrongInput, "latent_dim = 16")]
        [TestCase("broken_v1_output_name.onnx", ModelLoadError.WrongOutput, "'rgb'")]
        [TestCase("broken_v1_float64_output.onnx", ModelLoadError.WrongOutput, "float64")]
        [TestCase("broken_v1_shape_mismatch.onnx", ModelLoadError.WrongOutput, "[N, 3, 8, 8]")]
        [TestCase("broken_v1_no_metadata.onnx", ModelLoadError.MissingMetadata, "wasserforge.contract_version")]
        [TestCase("broken_v1_missing_width.onnx", ModelLoadError.MissingMetadata, "wasserforge.width")]
        [TestCase("broken_v99_contract.onnx", ModelLoadError.UnsupportedVersion, "Upgrade")]
        public void ContractViolationsAreNamed(string fixture, ModelLoadError reason, string mentions)
        {
            var e = LoadFails(TestPaths.Fixture(fixture));
            Assert.That(e.Reason, Is.EqualTo(reason));
            Assert.That(e.Message, Does.Contain(mentions));
        }

        [Test]
        public void AbsurdLatentSizeIsRefusedAtLoadBeforeAnythingIsAllocatedForIt()
        {
            // Issue 12: metadata claiming latent_dim 1e9 (the graph's latent dimension is dynamic) was
            // accepted, so callers allocated 4 GB of latents before ONNX Runtime failed without naming
            // the file. The contract check at load refuses it, names the file and states the limit.
            var path = TestPaths.Fixture("broken_v1_huge_latent.onnx");
            var before = GC.GetAllocatedBytesForCurrentThread();
            var e = LoadFails(path);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.That(e.Reason, Is.EqualTo(ModelLoadError.InvalidMetadata));
            Assert.That(e.Message, Does.Contain("wasserforge.latent_dim").And.Contain("1000000000").And.Contain("from 1 to 65536"));
            Assert.That(allocated, Is.LessThan(1L << 20), "managed bytes allocated by the refused load");
        }

        [Test]
        public void EveryPrefixOfAValidFileIsTruncatedNotOnnx()
        {
            // The sniffer alone (no ORT): every cut of a real model reads as the start of a ModelProto.
            // Up to the end of the graph (the bulk of the file) it is truncated; a cut exactly between
            // two trailing metadata entries is a complete, valid model (its metadata then is missing).
            var bytes = File.ReadAllBytes(TestPaths.Fixture("generator_v1_rgb_4x4.onnx"));
            Assert.That(OnnxFileSniffer.Classify(bytes), Is.EqualTo(OnnxFileShape.Complete));
            for (var n = 1; n < bytes.Length; n++)
            {
                var shape = OnnxFileSniffer.Classify(bytes.AsSpan(0, n).ToArray());
                Assert.That(shape, Is.Not.EqualTo(OnnxFileShape.NotOnnx), "prefix of " + n + " bytes");
                if (n < bytes.Length * 3 / 4) Assert.That(shape, Is.EqualTo(OnnxFileShape.Truncated), "prefix of " + n + " bytes");
            }
        }

        [Test]
        public void BytesWithoutNameSayMemory()
        {
            var e = Assert.Throws<ModelLoadException>(() => GeneratorModel.Load(new byte[] { 1, 2, 3, 4, 5 }));
            Assert.That(e.FilePath, Is.EqualTo("<memory>"));
        }
    }
}
