using System;
using System.IO;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Wasserforge.Training.Config
{
    /// <summary>Reads, completes and checks training configs, and writes the resolved config of a run.</summary>
    public static class ConfigLoader
    {
        /// <summary>
        /// Reads a YAML config, fills every unset value with its default (loss-specific defaults
        /// included) and checks it.
        /// </summary>
        /// <exception cref="ConfigException">The file is missing, is not valid YAML, has an unknown key, or a value is out of range; the message names the key.</exception>
        public static TrainConfig Load(string path)
        {
            if (!File.Exists(path)) throw new ConfigException(path, "config file not found.");
            string text;
            try { text = File.ReadAllText(path); }
            catch (IOException e) { throw new ConfigException(path, "cannot read the file: " + e.Message, 0, e); }
            var tree = YamlTree.Parse(text, path);
            var config = ConfigBinder.Bind(tree, path);
            TextureConfigRules.CheckFile(config, path, key => YamlTree.LineOf(tree, key));
            ConfigDefaults.Apply(config);
            ConfigValidator.Validate(config, path, key => YamlTree.LineOf(tree, key));
            return config;
        }

        /// <summary>Parses YAML text without applying defaults or checks.</summary>
        /// <exception cref="ConfigException">
        /// Invalid YAML, a key given twice (both lines named), an unknown section or key, or a value of the wrong
        /// kind (the key, what it must be and what was found).
        /// </exception>
        public static TrainConfig Parse(string yaml, string pathForMessages) =>
            ConfigBinder.Bind(YamlTree.Parse(yaml ?? "", pathForMessages), pathForMessages);

        /// <summary>Writes a config as YAML (the resolved config of a run), atomically.</summary>
        public static void Save(TrainConfig config, string path)
        {
            var serializer = new SerializerBuilder()
                .WithNamingConvention(UnderscoredNamingConvention.Instance)
                .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
                .Build();
            var tmp = path + ".tmp";
            File.WriteAllText(tmp, "# Resolved configuration of this run (defaults filled in).\n" + serializer.Serialize(config));
            File.Move(tmp, path, overwrite: true);
        }
    }
}
