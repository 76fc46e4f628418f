using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Wasserforge.Explorer
{
    /// <summary>
    /// A small JSON reader and writer for session files (System.Text.Json is not available to Unity's
    /// netstandard2.1 profile). Values: Dictionary&lt;string, object&gt;, List&lt;object&gt;, string, double, bool, null.
    /// </summary>
    public static class MiniJson
    {
        /// <summary>Serialises a value tree (indented).</summary>
        public static string Write(object value)
        {
            var sb = new StringBuilder();
            Write(sb, value, 0);
            return sb.Append('\n').ToString();
        }

        static void Write(StringBuilder sb, object v, int indent)
        {
            switch (v)
            {
                case null: sb.Append("null"); break;
                case string s: WriteString(sb, s); break;
                case bool b: sb.Append(b ? "true" : "false"); break;
                case IDictionary<string, object> d:
                    sb.Append("{");
                    var first = true;
                    foreach (var kv in d)
                    {
                        sb.Append(first ? "\n" : ",\n").Append(' ', indent + 2);
                        WriteString(sb, kv.Key);
                        sb.Append(": ");
                        Write(sb, kv.Value, indent + 2);
                        first = false;
                    }
                    sb.Append(first ? "}" : "\n" + new string(' ', indent) + "}");
                    break;
                case System.Collections.IEnumerable list:
                    sb.Append("[");
                    var f = true;
                    foreach (var item in list) { if (!f) sb.Append(", "); Write(sb, item, indent); f = false; }
                    sb.Append("]");
                    break;
                case IFormattable n: sb.Append(n.ToString("R", CultureInfo.InvariantCulture)); break;
                default: throw new ArgumentException("cannot write " + v.GetType().Name + " as JSON");
            }
        }

        static void WriteString(StringBuilder sb, string s)
        {
            sb.Append('"');
            foreach (var c in s)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4")); else sb.Append(c);
                        break;
                }
            }
            sb.Append('"');
        }

        /// <summary>Parses JSON text.</summary>
        /// <exception cref="FormatException">Invalid JSON; the message gives the character position.</exception>
        public static object Read(string text)
        {
            var p = 0;
            var v = Value(text, ref p);
            Skip(text, ref p);
            if (p != text.Length) throw Error(p, "unexpected text after the value");
            return v;
        }

        static FormatException Error(int p, string what) => new FormatException($"invalid JSON at character {p}: {what}.");

        static void Skip(string t, ref int p) { while (p < t.Length && char.IsWhiteSpace(t[p])) p++; }

        static object Value(string t, ref int p)
        {
            Skip(t, ref p);
            if (p >= t.Length) throw Error(p, "unexpected end");
            var c = t[p];
            if (c == '{')
            {
                p++;
                var d = new Dictionary<string, object>(StringComparer.Ordinal);
                Skip(t, ref p);
                if (p < t.Length && t[p] == '}') { p++; return d; }
                while (true)
                {
                    Skip(t, ref p);
                    if (p >= t.Length || t[p] != '"') throw Error(p, "expected a key");
                    var key = String(t, ref p);
                    Skip(t, ref p);
                    if (p >= t.Length || t[p] != ':') throw Error(p, "expected ':'");
                    p++;
                    d[key] = Value(t, ref p);
                    Skip(t, ref p);
                    if (p < t.Length && t[p] == ',') { p++; continue; }
                    if (p < t.Length && t[p] == '}') { p++; return d; }
                    throw Error(p, "expected ',' or '}'");
                }
            }
            if (c == '[')
            {
                p++;
                var list = new List<object>();
                Skip(t, ref p);
                if (p < t.Length && t[p] == ']') { p++; return list; }
                while (true)
                {
                    list.Add(Value(t, ref p));
                    Skip(t, ref p);
                    if (p < t.Length && t[p] == ',') { p++; continue; }
                    if (p < t.Length && t[p] == ']') { p++; return list; }
                    throw Error(p, "expected ',' or ']'");
                }
            }
            if (c == '"') return String(t, ref p);
            if (t.Length - p >= 4 && string.CompareOrdinal(t, p, "true", 0, 4) == 0) { p += 4; return true; }
            if (t.Length - p >= 5 && string.CompareOrdinal(t, p, "false", 0, 5) == 0) { p += 5; return false; }
            if (t.Length - p >= 4 && string.CompareOrdinal(t, p, "null", 0, 4) == 0) { p += 4; return null; }
            var start = p;
            while (p < t.Length && "+-0123456789.eE".IndexOf(t[p]) >= 0) p++;
            if (start == p || !double.TryParse(t.Substring(start, p - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var num))
                throw Error(start, "expected a value");
            return num;
        }

        static string String(string t, ref int p)
        {
            p++;   // opening quote
            var sb = new StringBuilder();
            while (p < t.Length && t[p] != '"')
            {
                if (t[p] == '\\')
                {
                    p++;
                    if (p >= t.Length) break;
                    switch (t[p])
                    {
                        case 'n': sb.Append('\n'); break;
                        case 'r': sb.Append('\r'); break;
                        case 't': sb.Append('\t'); break;
                        case 'u':
                            if (p + 4 >= t.Length) throw Error(p, "bad \\u escape");
                            sb.Append((char)int.Parse(t.Substring(p + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                            p += 4;
                            break;
                        default: sb.Append(t[p]); break;
                    }
                    p++;
                }
                else sb.Append(t[p++]);
            }
            if (p >= t.Length) throw Error(p, "unterminated string");
            p++;
            return sb.ToString();
        }
    }
}
