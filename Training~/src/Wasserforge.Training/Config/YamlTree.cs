using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Wasserforge.Training.Config
{
    /// <summary>One YAML node with the line it starts on: a scalar, a mapping (in key order) or a sequence.</summary>
    sealed class YamlNode
    {
        public enum Shape { Scalar, Mapping, Sequence }

        public YamlNode(Shape kind, long line, string value = null, bool plain = false)
        {
            Kind = kind; Line = line; Value = value; Plain = plain;
        }

        public Shape Kind { get; }
        /// <summary>Line of the node's first character (1-based).</summary>
        public long Line { get; }
        /// <summary>A scalar's text.</summary>
        public string Value { get; }
        /// <summary>A scalar written without quotes (only then do <c>~</c>, <c>null</c> and nothing mean "no value").</summary>
        public bool Plain { get; }
        /// <summary>A mapping's entries, keys in file order.</summary>
        public List<KeyValuePair<YamlNode, YamlNode>> Entries { get; } = new List<KeyValuePair<YamlNode, YamlNode>>();
        /// <summary>A sequence's items.</summary>
        public List<YamlNode> Items { get; } = new List<YamlNode>();

        /// <summary>True for an unquoted empty, <c>~</c> or <c>null</c> scalar.</summary>
        public bool IsNull => Kind == Shape.Scalar && Plain && (Value.Length == 0 || Value == "~" || Value == "null" || Value == "Null" || Value == "NULL");

        /// <summary>What this node is, in words: "'abc'", "a section", "a list".</summary>
        public string Describe() => Kind == Shape.Mapping ? "a section (key: value lines)" : Kind == Shape.Sequence ? "a list" : IsNull ? "no value" : $"'{Value}'";
    }

    /// <summary>
    /// Reads a config file's YAML into <see cref="YamlNode"/>s with YamlDotNet's parser, so that every
    /// later message can name a line: syntax errors say the line and column, and a key given twice in one
    /// section (a section given twice) is an error naming both lines, never a silent "last one wins".
    /// </summary>
    static class YamlTree
    {
        static readonly Regex s_position = new Regex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.Compiled);

        /// <summary>The document's root node, or null for an empty file.</summary>
        /// <exception cref="ConfigException">Not valid YAML, more than one document, or a duplicated key.</exception>
        public static YamlNode Parse(string text, string file)
        {
            var parser = new Parser(new StringReader(text));
            var anchors = new Dictionary<string, YamlNode>();
            try
            {
                parser.Consume<StreamStart>();
                if (parser.Accept<StreamEnd>(out _)) return null;
                parser.Consume<DocumentStart>();
                var root = Read(parser, file, "", anchors);
                parser.Consume<DocumentEnd>();
                if (!parser.Accept<StreamEnd>(out _))
                    throw new ConfigException(file, "holds more than one YAML document (a second '---'); a config is one document.", parser.Current?.Start.Line ?? 0);
                return root;
            }
            catch (YamlException e)
            {
                // The parser may notice an unclosed bracket or quote only past the last line.
                var lines = text.TrimEnd('\n', '\r').Split('\n').Length;
                var line = Math.Min(e.Start.Line, lines);
                var where = e.Start.Line > lines ? $"at the end of the file (line {line})" : $"at line {line}, column {e.Start.Column}";
                throw new ConfigException(file, $"is not valid YAML {where}: {s_position.Replace(e.Message, "")}", line, e);
            }
        }

        static YamlNode Read(IParser parser, string file, string path, Dictionary<string, YamlNode> anchors)
        {
            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                if (anchors.TryGetValue(alias.Value.Value, out var target)) return target;
                throw new ConfigException(file, $"'*{alias.Value}' refers to no anchor '&{alias.Value}' defined above it.", alias.Start.Line);
            }
            YamlNode node;
            NodeEvent start;
            if (parser.TryConsume<Scalar>(out var scalar))
            {
                start = scalar;
                node = new YamlNode(YamlNode.Shape.Scalar, scalar.Start.Line, scalar.Value, scalar.Style == ScalarStyle.Plain);
            }
            else if (parser.TryConsume<SequenceStart>(out var sequence))
            {
                start = sequence;
                node = new YamlNode(YamlNode.Shape.Sequence, sequence.Start.Line);
                var i = 0;
                while (!parser.TryConsume<SequenceEnd>(out _)) node.Items.Add(Read(parser, file, $"{path}[{i++}]", anchors));
            }
            else
            {
                var mapping = parser.Consume<MappingStart>();
                start = mapping;
                node = new YamlNode(YamlNode.Shape.Mapping, mapping.Start.Line);
                var seen = new Dictionary<string, long>();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var key = Read(parser, file, path, anchors);
                    if (key.Kind != YamlNode.Shape.Scalar)
                        throw new ConfigException(file, $"a key in '{Name(path)}' is {key.Describe()}; keys are plain names such as latent_dim.", key.Line);
                    var full = path.Length == 0 ? key.Value : path + "." + key.Value;
                    if (seen.TryGetValue(key.Value, out var first))
                        throw new ConfigException(file, $"'{full}' is given twice, on line {first} and on line {key.Line}; YAML keeps only one of them, so say which you mean by deleting the other.", key.Line);
                    seen.Add(key.Value, key.Line);
                    node.Entries.Add(new KeyValuePair<YamlNode, YamlNode>(key, Read(parser, file, full, anchors)));
                }
            }
            if (!start.Anchor.IsEmpty) anchors[start.Anchor.Value] = node;
            return node;
        }

        /// <summary>The line of <paramref name="key"/> (<c>section.key</c>) in <paramref name="root"/>, or 0 when the file does not set it.</summary>
        public static long LineOf(YamlNode root, string key)
        {
            var parts = key.Split('.');
            var node = root;
            for (var i = 0; i < parts.Length; i++)
            {
                if (node == null || node.Kind != YamlNode.Shape.Mapping) return 0;
                var entry = node.Entries.Find(e => e.Key.Value == parts[i]);
                if (entry.Key == null) return 0;
                if (i == parts.Length - 1) return entry.Key.Line;
                node = entry.Value;
            }
            return 0;
        }

        static string Name(string path) => path.Length == 0 ? "the top level" : path;
    }
}
