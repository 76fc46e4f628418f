using System.Collections.Generic;
using NUnit.Framework;
using Wasserforge.Contract;

namespace Wasserforge.Tests.Contract
{
    /// <summary>Contract version 2's texture kind: its metadata keys and its two-input signature, each rule refused with a typed error.</summary>
    public class TextureContractTests
    {
        static Dictionary<string, string> Meta() => new Dictionary<string, string>
        {
            [MetadataKeys.ContractVersion] = "2", [MetadataKeys.Kind] = "texture", [MetadataKeys.LatentDim] = "8",
            [MetadataKeys.Channels] = "3", [MetadataKeys.Width] = "32", [MetadataKeys.Height] = "16",
            [MetadataKeys.NoiseChannels] = "4", [MetadataKeys.NoiseScale] = "8", [MetadataKeys.NoiseHalo] = "2",
            [MetadataKeys.NoiseLayout] = "wf-noise-1", [MetadataKeys.Tileable] = "true",
        };

        static TensorSignature T(string name, params long[] shape) => new TensorSignature(name, TensorSignature.Float32, shape);

        static List<TensorSignature> Inputs() => new List<TensorSignature> { T("z", -1, 8), T("noise", -1, 4, -1, -1) };
        static List<TensorSignature> Outputs() => new List<TensorSignature> { T("image", -1, 3, -1, -1) };

        static ModelLoadException Refused(List<TensorSignature> inputs, List<TensorSignature> outputs, Dictionary<string, string> meta)
        {
            var e = Assert.Throws<ModelLoadException>(() => SignatureCheck.Validate(inputs, outputs, meta, "t.onnx"));
            Assert.That(e.Message, Does.StartWith("t.onnx: "));
            return e;
        }

        [Test]
        public void ReadsTheTextureKeys()
        {
            var d = SignatureCheck.Validate(Inputs(), Outputs(), Meta(), "t.onnx");
            Assert.That(d.IsTexture, Is.True);
            Assert.That(d.IsImage, Is.True, "a texture is an image kind: the image tools apply at the default size");
            Assert.That(d.NoiseChannels, Is.EqualTo(4));
            Assert.That(d.NoiseScale, Is.EqualTo(8));
            Assert.That(d.NoiseHalo, Is.EqualTo(2));
            Assert.That(d.NoiseLayout, Is.EqualTo("wf-noise-1"));
            Assert.That(d.Tileable, Is.True);
            Assert.That(d.ValuesPerSample, Is.EqualTo(3 * 32 * 16));
        }

        [Test]
        public void RoundTripsThroughMetadata()
        {
            var d = GeneratorDescription.Parse(Meta(), "t.onnx");
            var back = GeneratorDescription.Parse(d.ToMetadata(), "t.onnx");
            Assert.That(back.Kind, Is.EqualTo("texture"));
            Assert.That(new[] { back.NoiseChannels, back.NoiseScale, back.NoiseHalo, back.Width, back.Height }, Is.EqualTo(new[] { 4, 8, 2, 32, 16 }));
            Assert.That(back.ToMetadata(), Is.EquivalentTo(d.ToMetadata()));
        }

        [Test]
        public void SymbolicNoiseChannelsAndOutputChannelsAreAccepted()
        {
            var inputs = new List<TensorSignature> { T("noise", -1, -1, -1, -1), T("z", -1, -1) };   // any order, dims from the metadata
            var outputs = new List<TensorSignature> { T("image", -1, -1, -1, -1) };
            Assert.That(SignatureCheck.Validate(inputs, outputs, Meta(), "t.onnx").IsTexture, Is.True);
        }

        [TestCase(MetadataKeys.NoiseChannels)]
        [TestCase(MetadataKeys.NoiseScale)]
        [TestCase(MetadataKeys.NoiseHalo)]
        public void MissingTextureKeyIsNamed(string key)
        {
            var m = Meta();
            m.Remove(key);
            var e = Refused(Inputs(), Outputs(), m);
            Assert.That(e.Reason, Is.EqualTo(ModelLoadError.MissingMetadata));
            Assert.That(e.Message, Does.Contain(key));
        }

        [TestCase(MetadataKeys.NoiseChannels, "0", "an integer from 1")]
        [TestCase(MetadataKeys.NoiseScale, "6", "power of two")]
        [TestCase(MetadataKeys.NoiseScale, "512", "an integer from 1 to 256")]
        [TestCase(MetadataKeys.NoiseHalo, "-1", "an integer from 0")]
        [TestCase(MetadataKeys.NoiseHalo, "65", "to 64")]
        [TestCase(MetadataKeys.Tileable, "false", "'true' for a texture generator")]
        [TestCase(MetadataKeys.Width, "36", "not a whole number of noise cells")]
        [TestCase(MetadataKeys.ContractVersion, "1", "textures need version 2")]
        public void InvalidTextureValueIsNamed(string key, string value, string mentions)
        {
            var m = Meta();
            m[key] = value;
            var e = Refused(Inputs(), Outputs(), m);
            Assert.That(e.Reason, Is.EqualTo(ModelLoadError.InvalidMetadata));
            Assert.That(e.Message, Does.Contain(mentions));
        }

        [Test]
        public void UnknownNoiseLayoutAsksForAnUpgrade()
        {
            var m = Meta();
            m[MetadataKeys.NoiseLayout] = "wf-noise-2";
            var e = Refused(Inputs(), Outputs(), m);
            Assert.That(e.Reason, Is.EqualTo(ModelLoadError.UnsupportedVersion));
            Assert.That(e.Message, Does.Contain("wf-noise-2").And.Contain("Upgrade"));
        }

        [Test]
        public void MissingNoiseLayoutMeansWfNoise1()
        {
            var m = Meta();
            m.Remove(MetadataKeys.NoiseLayout);
            Assert.That(SignatureCheck.Validate(Inputs(), Outputs(), m, "t.onnx").NoiseLayout, Is.EqualTo("wf-noise-1"));
        }

        /// <summary>Signatures that each break one rule: (inputs, outputs).</summary>
        static (TensorSignature[], TensorSignature[]) Bad(string rule)
        {
            var output = new[] { T("image", -1, 3, -1, -1) };
            switch (rule)
            {
                case "NoNoiseInput": return (new[] { T("z", -1, 8) }, output);
                case "MisnamedNoise": return (new[] { T("z", -1, 8), T("local", -1, 4, -1, -1) }, output);
                case "ThirdInput": return (new[] { T("z", -1, 8), T("noise", -1, 4, -1, -1), T("extra", -1, 1) }, output);
                case "Float64Noise": return (new[] { T("z", -1, 8), new TensorSignature("noise", 11, new long[] { -1, 4, -1, -1 }) }, output);
                case "FixedNoiseSize": return (new[] { T("z", -1, 8), T("noise", -1, 4, 4, 4) }, output);
                case "FixedNoiseBatch": return (new[] { T("z", -1, 8), T("noise", 1, 4, -1, -1) }, output);
                case "Rank3Noise": return (new[] { T("z", -1, 8), T("noise", -1, 4, -1) }, output);
                case "NoiseChannelMismatch": return (new[] { T("z", -1, 8), T("noise", -1, 5, -1, -1) }, output);
                case "LatentMismatch": return (new[] { T("z", -1, 9), T("noise", -1, 4, -1, -1) }, output);
                case "FixedOutputSize": return (Inputs().ToArray(), new[] { T("image", -1, 3, 32, 16) });
                case "OutputChannelMismatch": return (Inputs().ToArray(), new[] { T("image", -1, 4, -1, -1) });
                case "MisnamedOutput": return (Inputs().ToArray(), new[] { T("rgb", -1, 3, -1, -1) });
                default: throw new System.ArgumentException(rule);
            }
        }

        [TestCase("NoNoiseInput", ModelLoadError.WrongInput, "two float32 inputs")]
        [TestCase("MisnamedNoise", ModelLoadError.WrongInput, "'local'")]
        [TestCase("ThirdInput", ModelLoadError.WrongInput, "'extra'")]
        [TestCase("Float64Noise", ModelLoadError.WrongInput, "float64")]
        [TestCase("FixedNoiseSize", ModelLoadError.WrongInput, "h and w dynamic")]
        [TestCase("FixedNoiseBatch", ModelLoadError.WrongInput, "N, h and w dynamic")]
        [TestCase("Rank3Noise", ModelLoadError.WrongInput, "[N, 4, h, w]")]
        [TestCase("NoiseChannelMismatch", ModelLoadError.WrongInput, "noise_channels = 4")]
        [TestCase("LatentMismatch", ModelLoadError.WrongInput, "latent_dim = 8")]
        [TestCase("FixedOutputSize", ModelLoadError.WrongOutput, "H and W dynamic")]
        [TestCase("OutputChannelMismatch", ModelLoadError.WrongOutput, "[N, 3, H, W]")]
        [TestCase("MisnamedOutput", ModelLoadError.WrongOutput, "'rgb'")]
        public void BadTextureSignatureIsNamed(string rule, ModelLoadError reason, string mentions)
        {
            var (inputs, outputs) = Bad(rule);
            var e = Refused(new List<TensorSignature>(inputs), new List<TensorSignature>(outputs), Meta());
            Assert.That(e.Reason, Is.EqualTo(reason));
            Assert.That(e.Message, Does.Contain(mentions));
        }

        [Test]
        public void ImageModelsStillTakeOneInput()
        {
            var m = new Dictionary<string, string>
            {
                [MetadataKeys.ContractVersion] = "1", [MetadataKeys.Kind] = "image", [MetadataKeys.LatentDim] = "8",
                [MetadataKeys.Channels] = "3", [MetadataKeys.Width] = "4", [MetadataKeys.Height] = "4",
            };
            var e = Refused(Inputs(), new List<TensorSignature> { T("image", -1, 3, 4, 4) }, m);
            Assert.That(e.Reason, Is.EqualTo(ModelLoadError.WrongInput));
            Assert.That(e.Message, Does.Contain("one float32 input"));
            Assert.That(SignatureCheck.Validate(new List<TensorSignature> { T("z", -1, 8) }, new List<TensorSignature> { T("image", -1, 3, 4, 4) }, m, "t.onnx").IsTexture, Is.False);
        }
    }
}
