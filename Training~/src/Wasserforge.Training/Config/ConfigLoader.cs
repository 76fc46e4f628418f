using System;
using System.IO;
using YamlDotNet.Core;
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
            var config = Parse(text, path);
            ConfigDefaults.Apply(config);
            ConfigValidator.Validate(config, path);
            return config;
        }

        /// <summary>Parses YAML text without applying defaults or checks.</summary>
        /// <exception cref="ConfigException">Invalid YAML, an unknown key or a value of the wrong type.</exception>
        public static TrainConfig Parse(string yaml, string pathForMessages)
        {
            var deserializer = new DeserializerBuilder()
                .WithNamingConvention(UnderscoredNamingConvention.Instance)
                .Build();
            try
            {
                return deserializer.Deserialize<TrainConfig>(yaml) ?? new TrainConfig();
            }
            catch (YamlException e)
            {
                var inner = e.InnerException != null ? " (" + e.InnerException.Message + ")" : "";
                var msg = e.Message;
                if (msg.Contains("not found on type"))
                {
                    // YamlDotNet: "Property 'x' not found on type '...'".
                    var start = msg.IndexOf('\'');
                    var end = start >= 0 ? msg.IndexOf('\'', start + 1) : -1;
                    var key = end > start ? msg.Substring(start + 1, end - start - 1) : "?";
                    msg = $"unknown key '{key}'. See Training~/config/README.md for the keys of each section.";
                }
                else msg = msg + inner;
                throw new ConfigException(pathForMessages, msg, e.Start.Line, e);
            }
        }

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
