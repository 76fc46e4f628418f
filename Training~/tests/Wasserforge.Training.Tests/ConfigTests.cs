using System.IO;
using NUnit.Framework;
using Wasserforge.Training.Config;

namespace Wasserforge.Training.Tests
{
    /// <summary>
    /// Hostile configs (docs/reliability.md): every problem is one message in the user's terms, naming the
    /// file, the line, the key, what it must be and what was found; never a .NET type name.
    /// </summary>
    public class ConfigTests
    {
        string _dir;
        string _path;
        [SetUp] public void Dir() { _dir = TestDirs.New("wf-config-"); _path = Path.Combine(_dir, "config.yaml"); }
        [TearDown] public void Clean() { if (Directory.Exists(_dir)) Directory.Delete(_dir, true); }

        ConfigException Refused(string yaml)
        {
            File.WriteAllText(_path, yaml);
            var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(_path));
            Assert.That(e.Message, Does.StartWith(_path));
            Assert.That(e.Message, Does.Not.Contain("System.").And.Not.Contain("Int32").And.Not.Contain("CoreLib").And.Not.Contain("deserializ"), "no .NET type names");
            return e;
        }

        TrainConfig Loaded(string yaml)
        {
            File.WriteAllText(_path, yaml);
            return ConfigLoader.Load(_path);
        }

        [TestCase("model: { latent_dim: abc }", 1, "'model.latent_dim' must be a whole number", "found 'abc'")]
        [TestCase("model:\n  kind: dcgan\n  latent_dim: 64.5", 3, "'model.latent_dim' must be a whole number", "found '64.5'")]
        [TestCase("data:\n  source:\n    folder: textures", 3, "'data.source' must be text", "found a section")]
        [TestCase("data: { source: [a, b] }", 1, "'data.source' must be text", "found a list")]
        [TestCase("data: { flip: maybe }", 1, "'data.flip' must be true or false", "found 'maybe'")]
        [TestCase("optimizer: { lr: fast }", 1, "'optimizer.lr' must be a number", "found 'fast'")]
        [TestCase("training: { seed: -1 }", 1, "'training.seed' must be a whole number of 0 or more", "found '-1'")]
        [TestCase("training:\n  steps: ~", 2, "'training.steps' must be a whole number", "found no value")]
        [TestCase("model: { latent_dim: 10000000000 }", 1, "'model.latent_dim': 10000000000 is too large", "2147483647")]
        [TestCase("model: [1, 2]", 1, "'model' must be a section", "found a list")]
        [TestCase("- data\n- model", 1, "a config is sections", "a list")]
        [TestCase("modle: { kind: dcgan }", 1, "unknown section 'modle'", "data, model, loss, optimizer, training")]
        [TestCase("training:\n  steps: 5\n  batch_szie: 3", 3, "unknown key 'batch_szie' in training:", "batch_size")]
        public void TypeAndKeyErrorsAreInTheUsersTerms(string yaml, int line, string says, string found)
        {
            var e = Refused(yaml);
            Assert.That(e.Message, Does.StartWith($"{_path}:{line}: "));
            Assert.That(e.Message, Does.Contain(says).And.Contain(found));
        }

        [TestCase("data: [1, 2", 1)]   // noticed at the end of the file
        [TestCase("model:\n  kind: dcgan\n   width: 3", 3)]
        [TestCase("data: { source: 'unterminated }", 1)]
        [TestCase("model: { kind: dcgan }\n---\nmodel: { kind: mlp }", 2)]
        public void SyntaxErrorsNameTheLine(string yaml, int line)
        {
            var e = Refused(yaml);
            Assert.That(e.Message, Does.StartWith($"{_path}:"));
            Assert.That(e.Message, Does.Contain("YAML"));
            Assert.That(e.Message, Does.Contain("line " + line).Or.StartWith($"{_path}:{line}:"));
        }

        [Test]
        public void ADuplicatedSectionIsAnErrorNamingBothLines()
        {
            var e = Refused("model: { latent_dim: 8 }\ndata: { size: 16 }\nmodel: { width: 4 }\n");
            Assert.That(e.Message, Does.StartWith($"{_path}:3: "));
            Assert.That(e.Message, Does.Contain("'model' is given twice, on line 1 and on line 3"));
        }

        [Test]
        public void ADuplicatedKeyIsAnErrorNamingBothLines()
        {
            var e = Refused("model:\n  width: 4\n  kind: dcgan\n  width: 8\n");
            Assert.That(e.Message, Does.Contain("'model.width' is given twice, on line 2 and on line 4"));
            e = Refused("training: { steps: 3, steps: 4 }");
            Assert.That(e.Message, Does.Contain("'training.steps' is given twice, on line 1 and on line 1"));
        }

        [Test]
        public void UpsampleAndEmaAreCheckedAndDefaultToTodaysModel()
        {
            Assert.That(Loaded("model: { kind: dcgan }").Model.Upsample, Is.EqualTo("transposed"));
            Assert.That(Loaded("model: { kind: dcgan, tileable: true }").Model.Upsample, Is.EqualTo("nearest"));
            Assert.That(Loaded("model: { upsample: nearest }").Model.Upsample, Is.EqualTo("nearest"));
            Assert.That(Loaded("model: { kind: dcgan }").Training.Ema, Is.EqualTo(0.0), "off unless a config sets it");
            Assert.That(Loaded("training: { ema: 0.999 }").Training.Ema, Is.EqualTo(0.999));
            Assert.That(Refused("model: { upsample: bilinear }").Message, Does.Contain("'model.upsample'").And.Contain("transposed, nearest"));
            Assert.That(Refused("model: { tileable: true, upsample: transposed }").Message, Does.Contain("'model.upsample'").And.Contain("circular"));
            Assert.That(Refused("training: { ema: 1 }").Message, Does.Contain("'training.ema'").And.Contain("[0, 1)"));
            Assert.That(Refused("training: { ema: -0.5 }").Message, Does.Contain("'training.ema'"));
        }

        [Test]
        public void FullResolutionLayersAreCheckedAndOffByDefault()
        {
            var plain = Loaded("model: { kind: dcgan }").Model;
            Assert.That((plain.FullResWidth, plain.CriticFullResWidth), Is.EqualTo((0, 0)));
            var m = Loaded("model: { kind: dcgan, upsample: nearest, full_res_width: 32, critic_full_res_width: 16 }").Model;
            Assert.That((m.FullResWidth, m.CriticFullResWidth), Is.EqualTo((32, 16)));
            Assert.That(Loaded("model: { kind: dcgan, tileable: true, full_res_width: 8 }").Model.FullResWidth, Is.EqualTo(8));
            Assert.That(Loaded("model: { kind: dcgan, critic_full_res_width: 8 }").Model.CriticFullResWidth, Is.EqualTo(8), "the critic's layer does not depend on the generator's upsampling");
            Assert.That(Refused("model: { kind: dcgan, full_res_width: 16 }").Message, Does.Contain("'model.full_res_width'").And.Contain("upsample: nearest"));
            Assert.That(Refused("model: { kind: dcgan, upsample: nearest, full_res_width: -1 }").Message, Does.Contain("'model.full_res_width'"));
            Assert.That(Refused("model: { kind: texture, critic_full_res_width: 16 }").Message, Does.Contain("'model.critic_full_res_width'").And.Contain("dcgan"));
            Assert.That(Loaded("model: { kind: dcgan, upsample: nearest, convs_per_level: 2 }").Model.ConvsPerLevel, Is.EqualTo(2));
            Assert.That(plain.ConvsPerLevel, Is.EqualTo(1));
            Assert.That(Refused("model: { kind: dcgan, convs_per_level: 2 }").Message, Does.Contain("'model.convs_per_level'").And.Contain("upsample: nearest"));
            Assert.That(Refused("model: { kind: dcgan, upsample: nearest, convs_per_level: 3 }").Message, Does.Contain("'model.convs_per_level'").And.Contain("1 or 2"));
            Assert.That(Refused("model: { kind: texture, convs_per_level: 2 }").Message, Does.Contain("'model.convs_per_level'").And.Contain("dcgan"));
            Assert.That(Refused("model: { kind: dcgan, upsample: nearest, full_res_width: 5000 }").Message, Does.Contain("'model.full_res_width'").And.Contain("4096").And.Contain("at full resolution"));
        }

        [Test]
        public void TileableIsRefusedForAnMlp()
        {
            var e = Refused("data: { source: 8gaussians }\nmodel: { kind: mlp, tileable: true }");
            Assert.That(e.Message, Does.StartWith($"{_path}:2: 'model.tileable'").And.Contain("mlp").And.Contain("dcgan"));
            Assert.That(Loaded("model: { kind: dcgan, tileable: true }").Model.Tileable, Is.True);
        }

        [Test]
        public void AHugeLatentIsRefusedWithTheLimitAndWhy()
        {
            var e = Refused("data: { size: 32 }\nmodel:\n  kind: dcgan\n  latent_dim: 1000000000\n");
            Assert.That(e.Message, Does.StartWith($"{_path}:4: "), "the key's line");
            Assert.That(e.Message, Does.Contain("'model.latent_dim'").And.Contain("1000000000 is above the limit of 4096").And.Contain("weights").And.Contain("TB"));
            Assert.That(Loaded($"model: {{ latent_dim: {ConfigLimits.MaxLatentDim} }}").Model.LatentDim, Is.EqualTo(ConfigLimits.MaxLatentDim), "the limit itself is accepted");
        }

        [TestCase("model: { width: 8192, max_width: 8192 }", "'model.width'", "limit of 4096")]
        [TestCase("model: { max_width: 100000 }", "'model.max_width'", "limit of 4096")]
        [TestCase("data: { source: 8gaussians }\nmodel: { kind: mlp, depth: 1000 }", "'model.depth'", "limit of 64")]
        [TestCase("data: { source: 8gaussians }\nmodel: { kind: mlp }\ntraining: { batch_size: 10000000 }", "'training.batch_size'", "limit of 1048576")]
        [TestCase("data: { size: 256, channels: 4 }\ntraining: { batch_size: 4096 }", "'training.batch_size'", "4.0 GB of real images")]
        [TestCase("data: { source: procedural, size: 256, count: 100000 }", "'data.count'", "the limit is 10922 images")]
        [TestCase("training: { threads: 100000 }", "'training.threads'", "limit of 1024")]
        public void SizesHaveStatedLimits(string yaml, string key, string limit)
        {
            var e = Refused(yaml);
            Assert.That(e.Message, Does.Contain(key).And.Contain(limit));
        }

        [TestCase("loss: { kind: wgan-gp, gp_every: 0 }", "must be at least 1")]
        [TestCase("loss: { kind: lsgan, gp_every: 4 }", "applies to wgan-gp's gradient penalty; lsgan has none")]
        public void ALazyPenaltyNeedsAPenaltyAndAPositiveInterval(string yaml, string says)
        {
            Assert.That(Refused(yaml).Message, Does.Contain("'loss.gp_every'").Or.Contain("loss.gp_every").And.Contain(says));
            Assert.That(Loaded("loss: { kind: wgan-gp, gp_every: 4 }").Loss.GpEvery, Is.EqualTo(4));
            Assert.That(Loaded("loss: { kind: wgan-gp }").Loss.GpEvery, Is.EqualTo(1), "the penalty on every update unless asked");
        }

        [Test]
        public void EmptyFilesSectionsAndNullsTakeTheDefaults()
        {
            Assert.That(Loaded("").Model.LatentDim, Is.EqualTo(64));
            Assert.That(Loaded("# only a comment\n").Training.Steps, Is.EqualTo(2000));
            Assert.That(Loaded("data:\nmodel: { latent_dim: 16 }").Model.LatentDim, Is.EqualTo(16));
            var c = Loaded("optimizer: { lr: ~ }\nloss: { kind: wgan-gp }");
            Assert.That(c.Optimizer.Lr, Is.EqualTo(1e-4), "a null value takes the loss's default");
            Assert.That(Loaded("data: { source: 'procedural', flip: True }").Data.Flip, Is.True);
            Assert.That(Loaded("optimizer: { lr: 2.5e-4 }").Optimizer.Lr, Is.EqualTo(2.5e-4));
        }

        [Test]
        public void AnchorsAndAliasesWork()
        {
            var c = Loaded("model:\n  latent_dim: &n 32\n  width: *n\n  max_width: 64\n");
            Assert.That((c.Model.LatentDim, c.Model.Width), Is.EqualTo((32, 32)));
            Assert.That(Refused("model: { width: *nowhere }").Message, Does.Contain("*nowhere"));
        }

        [Test]
        public void EveryShippedConfigLoads()
        {
            var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "package.json"))) dir = dir.Parent;
            Assert.That(dir, Is.Not.Null, "package root");
            var configs = Directory.GetFiles(Path.Combine(dir.FullName, "Training~", "config"), "*.yaml");
            Assert.That(configs, Is.Not.Empty);
            foreach (var file in configs) Assert.That(() => ConfigLoader.Load(file), Throws.Nothing, file);
        }

        [Test]
        public void TheResolvedConfigOfARunReadsBackTheSame()
        {
            var c = Loaded("data: { source: procedural, size: 16, count: 32, rotate90: true }\nmodel: { latent_dim: 8, width: 4, max_width: 8, tileable: true }\n" +
                           "loss: { kind: wgan-clip }\ntraining: { steps: 6, seed: 18446744073709551615, device: cpu }");
            var saved = Path.Combine(_dir, "resolved.yaml");
            ConfigLoader.Save(c, saved);
            var again = ConfigLoader.Load(saved);
            var resaved = Path.Combine(_dir, "again.yaml");
            ConfigLoader.Save(again, resaved);
            Assert.That(File.ReadAllText(resaved), Is.EqualTo(File.ReadAllText(saved)));
            Assert.That((again.Data.Rotate90, again.Model.Tileable, again.Training.Seed, again.Loss.Clip, again.Optimizer.Kind),
                Is.EqualTo((true, true, ulong.MaxValue, 0.01, "rmsprop")));
        }
    }
}
