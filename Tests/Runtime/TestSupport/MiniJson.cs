using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Wasserforge.Tests
{
    /// <summary>
    /// A small JSON reader for test data (objects → Dictionary&lt;string, object&gt;, arrays →
    /// List&lt;object&gt;, numbers → double, strings, true/false/null). The test assembly also runs in
    /// Unity, which has no engine-free JSON parser, so the tests carry this one.
    /// </summary>
    public static class MiniJson
    {
        /// <summary>Parses <paramref name="text"/>.</summary>
        /// <exception cref="FormatException">The text is not JSON; the message gives the offset.</exception>
        public static object Parse(string text)
        {
            var pos = 0;
            var value = Value(text, ref pos);
            Skip(text, ref pos);
            if (pos != text.Length) throw Error(text, pos, "trailing characters");
            return value;
        }

        static object Value(string s, ref int pos)
        {
            Skip(s, ref pos);
            if (pos >= s.Length) throw Error(s, pos, "unexpected end");
            switch (s[pos])
            {
                case '{':
                    var obj = new Dictionary<string, object>(StringComparer.Ordinal);
                    pos++;
                    Skip(s, ref pos);
                    if (s[pos] == '}') { pos++; return obj; }
                    while (true)
                    {
                        Skip(s, ref pos);
                        var key = String(s, ref pos);
                        Skip(s, ref pos);
                        Expect(s, ref pos, ':');
                        obj[key] = Value(s, ref pos);
                        Skip(s, ref pos);
                        if (s[pos] == ',') { pos++; continue; }
                        Expect(s, ref pos, '}');
                        return obj;
                    }
                case '[':
                    var list = new List<object>();
                    pos++;
                    Skip(s, ref pos);
                    if (s[pos] == ']') { pos++; return list; }
                    while (true)
                    {
                        list.Add(Value(s, ref pos));
                        Skip(s, ref pos);
                        if (s[pos] == ',') { pos++; continue; }
                        Expect(s, ref pos, ']');
                        return list;
                    }
                case '"':
                    return String(s, ref pos);
                default:
                    if (Word(s, ref pos, "true")) return true;
                    if (Word(s, ref pos, "false")) return false;
                    if (Word(s, ref pos, "null")) return null;
                    var start = pos;
                    while (pos < s.Length && "+-0123456789.eE".IndexOf(s[pos]) >= 0) pos++;
                    if (start == pos || !double.TryParse(s.Substring(start, pos - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                        throw Error(s, start, "expected a value");
                    return d;
            }
        }

        static string String(string s, ref int pos)
        {
            Expect(s, ref pos, '"');
            var sb = new StringBuilder();
            while (pos < s.Length && s[pos] != '"')
            {
                var c = s[pos++];
                if (c != '\\') { sb.Append(c); continue; }
                var e = s[pos++];
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    case 'r': sb.Append('\r'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'u': sb.Append((char)int.Parse(s.Substring(pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); pos += 4; break;
                    default: sb.Append(e); break;
                }
            }
            Expect(s, ref pos, '"');
            return sb.ToString();
        }

        static bool Word(string s, ref int pos, string word)
        {
            if (string.CompareOrdinal(s, pos, word, 0, word.Length) != 0) return false;
            pos += word.Length;
            return true;
        }

        static void Skip(string s, ref int pos)
        {
            while (pos < s.Length && char.IsWhiteSpace(s[pos])) pos++;
        }

        static void Expect(string s, ref int pos, char c)
        {
            if (pos >= s.Length || s[pos] != c) throw Error(s, pos, $"expected '{c}'");
            pos++;
        }

        static FormatException Error(string s, int pos, string what) => new FormatException($"JSON offset {pos}: {what}.");
    }
}
