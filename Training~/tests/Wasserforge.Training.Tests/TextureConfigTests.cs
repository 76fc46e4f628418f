using System.IO;
using NUnit.Framework;
using Wasserforge.Latent;
using Wasserforge.Training.Config;
using Wasserforge.Training.Data;

namespace Wasserforge.Training.Tests
{
    /// <summary>The texture model's config keys and checks, and the random crops it trains on.</summary>
    public class TextureConfigTests
    {
        string _dir, _path;
        [SetUp] public void Dir() { _dir = TestDirs.New("wf-texcfg-"); _path = Path.Combine(_dir, "config.yaml"); }
        [TearDown] public void Clean() { if (Directory.Exists(_dir)) Directory.Delete(_dir, true); }

        ConfigException Refused(string yaml)
        {
            File.WriteAllText(_path, yaml);
            return Assert.Throws<ConfigException>(() => ConfigLoader.Load(_path));
        }

        /// <summary>Texture models keep the trained weights' batch-norm statistics in their average (recomputing measured no better), dcgan recomputes them.</summary>
        [Test]
        public void TextureModelsCopyTheAveragesNormStatisticsByDefault()
        {
            File.WriteAllText(_path, "model: { kind: texture }\ntraining: { ema: 0.999 }");
            Assert.That(ConfigLoader.Load(_path).Training.EmaBatchNorm, Is.EqualTo("copy"));
            File.WriteAllText(_path, "model: { kind: texture }\ntraining: { ema: 0.999, ema_batch_norm: recompute }");
            Assert.That(ConfigLoader.Load(_path).Training.EmaBatchNorm, Is.EqualTo("recompute"), "unless asked");
            File.WriteAllText(_path, "model: { kind: dcgan }\ntraining: { ema: 0.999 }");
            Assert.That(ConfigLoader.Load(_path).Training.EmaBatchNorm, Is.EqualTo("recompute"));
        }

        [TestCase("model: { kind: texture }\ndata: { crop_size: 24 }", "'data.crop_size': 24 must be a power of two from 16 to data.size (32)")]
        [TestCase("model: { kind: texture }\ndata: { crop_size: 64 }", "'data.crop_size': 64 must be a power of two")]
        [TestCase("model: { kind: texture }\ndata: { crop_size: 8 }", "'data.crop_size': 8 must be a power of two")]
        [TestCase("model: { kind: texture, noise_channels: 0 }", "'model.noise_channels': 0 must be from 1 to 1024")]
        [TestCase("model: { kind: texture, noise_channels: 100000 }", "'model.noise_channels': 100000 must be from 1 to 1024")]
        [TestCase("model: { kind: dcgan }\ndata: { crop_size: 16 }", "'data.crop_size': applies to kind: texture only")]
        [TestCase("model: { kind: dcgan }\ndata: { crop_wrap: true }", "'data.crop_wrap': applies to kind: texture only")]
        [TestCase("model: { kind: dcgan, noise_channels: 4 }", "'model.noise_channels': applies to kind: texture only")]
        [TestCase("model: { kind: texture, tileable: false }", "'model.tileable': a texture model always tiles")]
        [TestCase("model: { kind: texture }\nloss: { kind: wgan-gp }\ndata: { size: 48 }", "'data.size'")]
        [TestCase("model: { kind: texture, critic_norm: batch }\nloss: { kind: wgan-gp }", "'model.critic_norm': batch norm in a WGAN-GP critic")]
        [TestCase("model: { kind: texture, max_width: 100000 }", "'model.max_width': 100000 is above the limit")]
        [TestCase("model: { kind: textures }", "'model.kind': 'textures' is not one of dcgan, texture, mlp")]
        public void NonsenseIsRefusedNamingTheKeyAndWhy(string yaml, string says)
        {
            var e = Refused(yaml);
            Assert.That(e.Message, Does.Contain(says));
            Assert.That(e.Message, Does.StartWith(_path));
        }

        [Test]
        public void ATextureConfigTakesItsDefaultsAndReadsBackTheSame()
        {
            File.WriteAllText(_path, "model: { kind: texture, tileable: true }\n");
            var c = ConfigLoader.Load(_path);
            Assert.That((c.Model.Tileable, c.Model.CriticNorm, c.Data.CropSize, c.Model.NoiseChannels), Is.EqualTo((true, "none", (int?)null, (int?)null)));
            Assert.That(Models.TextureModels.CropSize(c), Is.EqualTo(32));
            var saved = Path.Combine(_dir, "resolved.yaml");
            ConfigLoader.Save(c, saved);
            var again = ConfigLoader.Load(saved);
            Assert.That((again.Model.Kind, again.Model.Tileable, again.Model.CriticNorm), Is.EqualTo(("texture", true, "none")), "a resumed run loads its resolved config");
        }

        static ImageDataset Ramp(int size)
        {
            // One image whose value at (c, y, x) encodes its position, so a crop tells where it came from.
            var p = new float[2 * size * size];
            for (var c = 0; c < 2; c++)
                for (var y = 0; y < size; y++)
                    for (var x = 0; x < size; x++) p[(c * size + y) * size + x] = c * 10000 + y * 100 + x;
            return new ImageDataset("ramp", p, 1, 2, size);
        }

        [TestCase(true)]
        [TestCase(false)]
        public void CropsAreWindowsOfTheImageWrappingOnlyWhenAsked(bool wrap)
        {
            const int s = 8, k = 5, n = 400;
            var crops = new RandomCrops(Ramp(s), k, wrap);
            Assert.That(crops.SampleShape, Is.EqualTo(new long[] { 2, k, k }));
            var rng = new Xoshiro256(3);
            var batch = new float[n * 2 * k * k];
            crops.NextBatch(ref rng, n, batch);
            var wrapped = 0;
            var corners = new System.Collections.Generic.HashSet<int>();
            for (var b = 0; b < n; b++)
            {
                var o = b * 2 * k * k;
                int y0 = (int)batch[o] / 100, x0 = (int)batch[o] % 100;
                corners.Add(y0 * s + x0);
                for (var c = 0; c < 2; c++)
                    for (var y = 0; y < k; y++)
                        for (var x = 0; x < k; x++)
                            Assert.That(batch[o + (c * k + y) * k + x], Is.EqualTo(c * 10000 + (y0 + y) % s * 100 + (x0 + x) % s));
                if (y0 + k > s || x0 + k > s) wrapped++;
            }
            if (wrap)
            {
                Assert.That(wrapped, Is.GreaterThan(0), "some crops cross the edge");
                Assert.That(corners.Count, Is.EqualTo(s * s), "every position is a corner");
            }
            else
            {
                Assert.That(wrapped, Is.EqualTo(0), "no crop leaves the image");
                Assert.That(corners.Count, Is.EqualTo((s - k + 1) * (s - k + 1)));
            }
        }

        [Test]
        public void HeldOutCropsAreFixedForASeed()
        {
            var images = Ramp(16);
            var a = RandomCrops.FixedCrops(images, 8, true, 5);
            var b = RandomCrops.FixedCrops(images, 8, true, 5);
            Assert.That(a.SampleShape, Is.EqualTo(new long[] { 2, 8, 8 }));
            Assert.That(a.Image(0).ToArray(), Is.EqualTo(b.Image(0).ToArray()));
            Assert.That(RandomCrops.FixedCrops(images, 16, true, 5), Is.SameAs(images), "a crop of the whole image is the image");
        }
    }
}
