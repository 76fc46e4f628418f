using System.Collections.Generic;
using NUnit.Framework;
using Wasserforge.Contract;

namespace Wasserforge.Tests.Contract
{
    public class GeneratorDescriptionTests
    {
        static GeneratorDescription Sample() => new GeneratorDescription
        {
            LatentDim = 64, Width = 32, Height = 16, Channels = 4, Tileable = true,
            Dataset = "crawl-floor", Loss = "wgan-gp", Steps = 1200, CreatedBy = "wasserforge 0.1.0",
        };

        [Test]
        public void ModelsAreWrittenWithTheLowestContractVersionThatDescribesThem()
        {
            // An image generator needs nothing of version 2, so an older package still loads it.
            Assert.That(Sample().ToMetadata()[MetadataKeys.ContractVersion], Is.EqualTo("1"));
            var texture = Sample();
            texture.Kind = ModelContract.KindTexture;
            Assert.That(texture.ToMetadata()[MetadataKeys.ContractVersion], Is.EqualTo(ModelContract.TextureMinVersion.ToString()));
            var pinned = Sample();
            pinned.ContractVersion = ModelContract.Version;
            Assert.That(GeneratorDescription.Parse(pinned.ToMetadata(), "m.onnx").ContractVersion, Is.EqualTo(ModelContract.Version));
        }

        [Test]
        public void RoundTripsThroughMetadata()
        {
            var back = GeneratorDescription.Parse(Sample().ToMetadata(), "m.onnx");
            Assert.That(back.LatentDim, Is.EqualTo(64));
            Assert.That(back.Width, Is.EqualTo(32));
            Assert.That(back.Height, Is.EqualTo(16));
            Assert.That(back.Channels, Is.EqualTo(4));
            Assert.That(back.Tileable, Is.True);
            Assert.That(back.ValueMin, Is.EqualTo(-1f));
            Assert.That(back.ValueMax, Is.EqualTo(1f));
            Assert.That(back.Loss, Is.EqualTo("wgan-gp"));
            Assert.That(back.Steps, Is.EqualTo(1200));
            Assert.That(back.ValuesPerSample, Is.EqualTo(4 * 32 * 16));
        }

        [TestCase(MetadataKeys.ContractVersion)]
        [TestCase(MetadataKeys.Kind)]
        [TestCase(MetadataKeys.LatentDim)]
        [TestCase(MetadataKeys.Width)]
        [TestCase(MetadataKeys.Height)]
        [TestCase(MetadataKeys.Channels)]
        public void MissingRequiredKeyIsNamed(string key)
        {
            var m = Sample().ToMetadata();
            m.Remove(key);
            var e = Assert.Throws<ModelLoadException>(() => GeneratorDescription.Parse(m, "m.onnx"));
            Assert.That(e.Reason, Is.EqualTo(ModelLoadError.MissingMetadata));
            Assert.That(e.Message, Does.Contain(key).And.StartWith("m.onnx: "));
        }

        [Test]
        public void NewerContractAsksForAnUpgrade()
        {
            var m = Sample().ToMetadata();
            m[MetadataKeys.ContractVersion] = (ModelContract.Version + 1).ToString();
            var e = Assert.Throws<ModelLoadException>(() => GeneratorDescription.Parse(m, "new.onnx"));
            Assert.That(e.Reason, Is.EqualTo(ModelLoadError.UnsupportedVersion));
            Assert.That(e.Message, Does.Contain("Upgrade"));
        }

        [TestCase(MetadataKeys.Channels, "2")]
        [TestCase(MetadataKeys.LatentDim, "zero")]
        [TestCase(MetadataKeys.Tileable, "yes")]
        [TestCase(MetadataKeys.ValueRange, "1,-1")]
        [TestCase(MetadataKeys.ColorSpace, "cmyk")]
        [TestCase(MetadataKeys.Kind, "audio")]
        public void InvalidValuesAreRejected(string key, string value)
        {
            var m = Sample().ToMetadata();
            m[key] = value;
            var e = Assert.Throws<ModelLoadException>(() => GeneratorDescription.Parse(m, "m.onnx"));
            Assert.That(e.Reason, Is.EqualTo(ModelLoadError.InvalidMetadata));
            Assert.That(e.Message, Does.Contain(key).And.Contain(value));
        }

        [TestCase(MetadataKeys.LatentDim, "65537", "65536")]
        [TestCase(MetadataKeys.LatentDim, "1000000000", "65536")]
        [TestCase(MetadataKeys.LatentDim, "99999999999999999999", "65536")]
        [TestCase(MetadataKeys.Width, "8193", "8192")]
        [TestCase(MetadataKeys.Height, "100000", "8192")]
        public void AbsurdSizesAreRefusedWithTheLimitAndItsReason(string key, string value, string limit)
        {
            var m = Sample().ToMetadata();
            m[key] = value;
            var e = Assert.Throws<ModelLoadException>(() => GeneratorDescription.Parse(m, "huge.onnx"));
            Assert.That(e.Reason, Is.EqualTo(ModelLoadError.InvalidMetadata));
            Assert.That(e.Message, Does.StartWith("huge.onnx: ").And.Contain(key).And.Contain(value));
            Assert.That(e.Message, Does.Contain("from 1 to " + limit).And.Contain("largest"), "states the limit and why");
        }

        [Test]
        public void TheLargestSizesStillLoad()
        {
            var m = Sample().ToMetadata();
            m[MetadataKeys.LatentDim] = ModelContract.MaxLatentDim.ToString();
            m[MetadataKeys.Width] = m[MetadataKeys.Height] = ModelContract.MaxImageSide.ToString();
            var d = GeneratorDescription.Parse(m, "big.onnx");
            Assert.That(d.LatentDim, Is.EqualTo(65536));
            Assert.That(d.ValuesPerSample, Is.EqualTo(4 * 8192 * 8192));
        }

        [Test]
        public void PointGeneratorsNeedNoImageKeys()
        {
            var m = new Dictionary<string, string>
            {
                [MetadataKeys.ContractVersion] = "1", [MetadataKeys.Kind] = "points",
                [MetadataKeys.LatentDim] = "2", [MetadataKeys.Channels] = "2",
            };
            var d = GeneratorDescription.Parse(m, null);
            Assert.That(d.IsImage, Is.False);
            Assert.That(d.ValuesPerSample, Is.EqualTo(2));
        }
    }
}
