using System;
using System.Globalization;
using System.Linq;
using System.Reflection;
using YamlDotNet.Serialization.NamingConventions;

namespace Wasserforge.Training.Config
{
    /// <summary>
    /// Fills a <see cref="TrainConfig"/> from a <see cref="YamlNode"/> tree: sections are its properties and
    /// keys their properties, in snake_case (as <see cref="ConfigLoader.Save"/> writes them). Every problem
    /// is a <see cref="ConfigException"/> in the user's terms: the file, the line, the key, what it must be
    /// ("a whole number", "true or false") and what was found; never a .NET type name.
    /// </summary>
    static class ConfigBinder
    {
        /// <summary>The config the tree describes (defaults where it says nothing).</summary>
        /// <exception cref="ConfigException">An unknown section or key, or a value of the wrong kind.</exception>
        public static TrainConfig Bind(YamlNode root, string file)
        {
            var config = new TrainConfig();
            if (root == null || root.IsNull) return config;
            if (root.Kind != YamlNode.Shape.Mapping)
                throw new ConfigException(file, $"a config is sections (data:, model:, loss:, optimizer:, training:) of key: value lines; this file is {root.Describe()}.", root.Line);
            foreach (var (key, value) in root.Entries.Select(e => (e.Key, e.Value)))
            {
                var section = Property(typeof(TrainConfig), key.Value);
                if (section == null)
                    throw new ConfigException(file, $"unknown section '{key.Value}'; the sections are {Names(typeof(TrainConfig))}. See Training~/config/README.md for the keys of each section.", key.Line);
                if (value.IsNull) continue;   // "data:" with nothing under it: all defaults
                if (value.Kind != YamlNode.Shape.Mapping)
                    throw new ConfigException(file, $"'{key.Value}' must be a section (indented key: value lines, or {{ key: value }}); found {value.Describe()}.", value.Line);
                var target = section.GetValue(config);
                foreach (var (name, v) in value.Entries.Select(e => (e.Key, e.Value)))
                {
                    var property = Property(section.PropertyType, name.Value);
                    if (property == null)
                        throw new ConfigException(file, $"unknown key '{name.Value}' in {key.Value}: (its keys are {Names(section.PropertyType)}). See Training~/config/README.md for the keys of each section.", name.Line);
                    property.SetValue(target, Convert(v, property.PropertyType, $"{key.Value}.{name.Value}", file));
                }
            }
            return config;
        }

        static PropertyInfo Property(Type type, string yamlName) =>
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(p => p.CanWrite && YamlName(p) == yamlName);

        static string YamlName(PropertyInfo p) => UnderscoredNamingConvention.Instance.Apply(p.Name);

        static string Names(Type type) => string.Join(", ", type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(YamlName));

        static object Convert(YamlNode node, Type type, string key, string file)
        {
            var nullable = Nullable.GetUnderlyingType(type);
            var t = nullable ?? type;
            if (node.IsNull)
            {
                if (nullable != null || !t.IsValueType) return null;
                throw Wrong(file, node, key, t);
            }
            if (node.Kind != YamlNode.Shape.Scalar) throw Wrong(file, node, key, t);
            var text = node.Value.Trim();
            if (t == typeof(string)) return node.Value;
            if (t == typeof(bool))
            {
                if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase)) return true;
                if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase)) return false;
                throw Wrong(file, node, key, t);
            }
            if (t == typeof(int))
            {
                if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)) return i;
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) || IsDigits(text))
                    throw new ConfigException(file, $"'{key}': {text} is too large; it must be a whole number from {int.MinValue} to {int.MaxValue} (and the checks of that key narrow it further).", node.Line);
                throw Wrong(file, node, key, t);
            }
            if (t == typeof(ulong))
            {
                if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var u)) return u;
                throw Wrong(file, node, key, t);
            }
            if (t == typeof(double))
            {
                switch (text)
                {
                    case ".inf": case ".Inf": case ".INF": case "+.inf": return double.PositiveInfinity;
                    case "-.inf": case "-.Inf": case "-.INF": return double.NegativeInfinity;
                    case ".nan": case ".NaN": case ".NAN": return double.NaN;
                }
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
                throw Wrong(file, node, key, t);
            }
            throw new InvalidOperationException($"config key '{key}' has a type the binder does not know.");
        }

        static bool IsDigits(string text) => text.TrimStart('-', '+').Length > 0 && text.TrimStart('-', '+').All(char.IsDigit);

        static ConfigException Wrong(string file, YamlNode node, string key, Type t) =>
            new ConfigException(file, $"'{key}' must be {Expected(t)}; found {node.Describe()}.", node.Line);

        /// <summary>A value type in words.</summary>
        static string Expected(Type t) =>
            t == typeof(bool) ? "true or false" :
            t == typeof(int) ? "a whole number (like 64)" :
            t == typeof(ulong) ? "a whole number of 0 or more (like 1)" :
            t == typeof(double) ? "a number (like 0.0001 or 1e-4)" :
            "text";
    }
}
