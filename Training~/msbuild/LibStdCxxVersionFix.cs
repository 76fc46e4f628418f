// Compiled twice: by MSBuild's RoslynCodeTaskFactory (TorchSharp.LinuxFix.targets) as the build task
// that fixes the build output's copy of libLibTorchSharp.so, and into Wasserforge.Training.Tests
// (with LIBSTDCXX_FIX_NO_TASK defined) to test the ELF edit itself.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Wasserforge.Build
{
    /// <summary>
    /// Makes a shared library built against a newer libstdc++ load on a system whose libstdc++ lacks
    /// some of the symbol versions it names, when no relocation uses a symbol of those versions.
    /// TorchSharp 0.107's libLibTorchSharp.so (built with GCC 13) requires <c>GLIBCXX_3.4.32</c> only
    /// for <c>std::ios_base_library_init()</c>, which GCC 13's &lt;iostream&gt; references to pin the
    /// library version and never calls; Debian 12 and Ubuntu 22.04 (GCC 12) stop at 3.4.30, so the
    /// loader refuses the library. The fix, on a copy, edits two fields in place: the version
    /// requirement gets <c>VER_FLG_WEAK</c> (the loader then accepts its absence) and each symbol
    /// bound to it becomes unversioned. Nothing else changes; the file keeps its size.
    /// </summary>
    public static class LibStdCxxVersionFix
    {
        const ushort VerFlgWeak = 0x2;
        const ushort VerNdxGlobal = 1;
        const uint ShtRela = 4, ShtRel = 9, ShtDynsym = 11, ShtGnuVerdef = 0x6ffffffd, ShtGnuVerneed = 0x6ffffffe, ShtGnuVersym = 0x6fffffff;

        /// <summary>A version that <see cref="Requirements"/> found the library requiring.</summary>
        public sealed class Requirement
        {
            /// <summary>The file the version belongs to (<c>libstdc++.so.6</c>).</summary>
            public string File;
            /// <summary>The version name, e.g. <c>GLIBCXX_3.4.32</c>.</summary>
            public string Version;
            /// <summary>True when the requirement is weak (the loader accepts its absence).</summary>
            public bool Weak;
            /// <summary>Dynamic symbols bound to this version.</summary>
            public List<string> Symbols = new List<string>();
            /// <summary>Those of <see cref="Symbols"/> that a relocation uses (they would be looked up).</summary>
            public List<string> RelocatedSymbols = new List<string>();
            internal long FlagsOffset;
            internal ushort Index;
        }

        /// <summary>What <see cref="Apply"/> did.</summary>
        public sealed class Outcome
        {
            /// <summary>Versions made weak (empty: nothing needed fixing).</summary>
            public List<string> Weakened = new List<string>();
            /// <summary>Symbols made unversioned.</summary>
            public List<string> Unversioned = new List<string>();
        }

        /// <summary>The version names a library defines (its <c>.gnu.version_d</c>), e.g. every <c>GLIBCXX_*</c> of a libstdc++.</summary>
        /// <exception cref="InvalidDataException">The file is not a 64-bit little-endian ELF file.</exception>
        public static HashSet<string> DefinedVersions(string path)
        {
            var elf = new Elf(File.ReadAllBytes(path), path);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var s in elf.Sections.Where(s => s.Type == ShtGnuVerdef))
            {
                var strtab = elf.Sections[(int)s.Link].Offset;
                long off = s.Offset;
                for (var i = 0; i < (int)s.Info; i++)
                {
                    var cnt = elf.U16(off + 6);
                    var aux = elf.U32(off + 12);
                    var next = elf.U32(off + 16);
                    long a = off + aux;
                    for (var j = 0; j < cnt; j++)
                    {
                        names.Add(elf.Str(strtab, elf.U32(a)));
                        var an = elf.U32(a + 4);
                        if (an == 0) break;
                        a += an;
                    }
                    if (next == 0) break;
                    off += next;
                }
            }
            return names;
        }

        /// <summary>Every version <paramref name="path"/> requires from <paramref name="fromFile"/>, with the symbols bound to it.</summary>
        /// <exception cref="InvalidDataException">The file is not a 64-bit little-endian ELF shared library with version information.</exception>
        public static List<Requirement> Requirements(string path, string fromFile = "libstdc++.so.6") =>
            Requirements(new Elf(File.ReadAllBytes(path), path), fromFile);

        static List<Requirement> Requirements(Elf elf, string fromFile)
        {
            var result = new List<Requirement>();
            var verneed = elf.Sections.FirstOrDefault(s => s.Type == ShtGnuVerneed) ?? throw new InvalidDataException($"{elf.Path}: no .gnu.version_r section.");
            var strtab = elf.Sections[(int)verneed.Link].Offset;
            long off = verneed.Offset;
            for (var i = 0; i < (int)verneed.Info; i++)
            {
                var cnt = elf.U16(off + 2);
                var file = elf.Str(strtab, elf.U32(off + 4));
                var aux = elf.U32(off + 8);
                var next = elf.U32(off + 12);
                long a = off + aux;
                for (var j = 0; j < cnt; j++)
                {
                    if (file == fromFile)
                        result.Add(new Requirement
                        {
                            File = file, Version = elf.Str(strtab, elf.U32(a + 8)), Weak = (elf.U16(a + 4) & VerFlgWeak) != 0,
                            FlagsOffset = a + 4, Index = (ushort)(elf.U16(a + 6) & 0x7fff),
                        });
                    var an = elf.U32(a + 12);
                    if (an == 0) break;
                    a += an;
                }
                if (next == 0) break;
                off += next;
            }
            var dynsym = elf.Sections.First(s => s.Type == ShtDynsym);
            var versym = elf.Sections.First(s => s.Type == ShtGnuVersym);
            var symStr = elf.Sections[(int)dynsym.Link].Offset;
            var count = dynsym.Size / 24;
            var relocated = RelocatedSymbols(elf, Array.IndexOf(elf.Sections, dynsym));
            for (long i = 0; i < count; i++)
            {
                var v = (ushort)(elf.U16(versym.Offset + i * 2) & 0x7fff);
                var r = result.FirstOrDefault(x => x.Index == v);
                if (r == null) continue;
                var name = elf.Str(symStr, elf.U32(dynsym.Offset + i * 24));
                r.Symbols.Add(name);
                if (relocated.Contains(i)) r.RelocatedSymbols.Add(name);
            }
            return result;
        }

        static HashSet<long> RelocatedSymbols(Elf elf, int dynsymIndex)
        {
            var used = new HashSet<long>();
            foreach (var s in elf.Sections.Where(s => (s.Type == ShtRela || s.Type == ShtRel) && s.Link == dynsymIndex))
            {
                var entry = s.Type == ShtRela ? 24 : 16;
                for (long o = 0; o + entry <= s.Size; o += entry) used.Add((long)(elf.U64(s.Offset + o + 8) >> 32));
            }
            return used;
        }

        /// <summary>
        /// Rewrites <paramref name="path"/> (a new file renamed over it, keeping its mode and time stamp)
        /// so that the versions of <paramref name="fromFile"/> missing from <paramref name="available"/>
        /// are weak and their symbols unversioned. Idempotent: a fixed file is left alone.
        /// </summary>
        /// <exception cref="InvalidOperationException">A symbol of a missing version is used by a relocation, so the library really needs the newer libstdc++; the message names it.</exception>
        /// <exception cref="InvalidDataException">The file is not a 64-bit little-endian ELF shared library with version information.</exception>
        public static Outcome Apply(string path, ISet<string> available, string fromFile = "libstdc++.so.6")
        {
            var bytes = File.ReadAllBytes(path);
            var elf = new Elf(bytes, path);
            var outcome = new Outcome();
            var versym = elf.Sections.First(s => s.Type == ShtGnuVersym);
            var dynsym = elf.Sections.First(s => s.Type == ShtDynsym);
            foreach (var r in Requirements(elf, fromFile).Where(r => !available.Contains(r.Version)))
            {
                if (r.RelocatedSymbols.Count > 0)
                    throw new InvalidOperationException($"{path}: needs {r.Version} of {fromFile} for {string.Join(", ", r.RelocatedSymbols)}, which it calls; this system's {fromFile} lacks that version. Install a newer libstdc++ (GCC 13 or later).");
                if (!r.Weak)
                {
                    elf.W16(r.FlagsOffset, (ushort)(elf.U16(r.FlagsOffset) | VerFlgWeak));
                    outcome.Weakened.Add(r.Version);
                }
                for (long i = 0; i < dynsym.Size / 24; i++)
                    if ((elf.U16(versym.Offset + i * 2) & 0x7fff) == r.Index)
                    {
                        elf.W16(versym.Offset + i * 2, VerNdxGlobal);
                        outcome.Unversioned.Add(elf.Str(elf.Sections[(int)dynsym.Link].Offset, elf.U32(dynsym.Offset + i * 24)));
                    }
            }
            if (outcome.Weakened.Count == 0 && outcome.Unversioned.Count == 0) return outcome;
            // Written beside it and renamed over it (never through a hard link into a package cache);
            // File.Copy keeps the mode, the time stamp is kept so incremental builds do not copy it again.
            var stamp = File.GetLastWriteTimeUtc(path);
            var tmp = path + ".fixing";
            File.Copy(path, tmp, true);
            using (var f = new FileStream(tmp, FileMode.Open, FileAccess.Write)) f.Write(bytes, 0, bytes.Length);
            File.SetLastWriteTimeUtc(tmp, stamp);
            File.Replace(tmp, path, null);
            return outcome;
        }

        /// <summary>The libstdc++.so.6 the dynamic loader picks (from <c>ldconfig -p</c>, else the usual folders), or null.</summary>
        public static string SystemLibStdCxx()
        {
            try
            {
                var psi = new System.Diagnostics.ProcessStartInfo(File.Exists("/sbin/ldconfig") ? "/sbin/ldconfig" : "ldconfig", "-p") { RedirectStandardOutput = true, UseShellExecute = false };
                using var p = System.Diagnostics.Process.Start(psi);
                var text = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                foreach (var line in text.Split('\n'))
                {
                    var t = line.Trim();
                    if (!t.StartsWith("libstdc++.so.6 ", StringComparison.Ordinal) || !t.Contains("x86-64")) continue;
                    var arrow = t.IndexOf("=> ", StringComparison.Ordinal);
                    if (arrow > 0 && File.Exists(t.Substring(arrow + 3))) return t.Substring(arrow + 3);
                }
            }
            catch (System.ComponentModel.Win32Exception) { }
            foreach (var dir in new[] { "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib" })
                if (File.Exists(Path.Combine(dir, "libstdc++.so.6"))) return Path.Combine(dir, "libstdc++.so.6");
            return null;
        }

        sealed class Section { public uint Type, Link, Info; public long Offset, Size; }

        sealed class Elf
        {
            readonly byte[] _b;
            public readonly string Path;
            public readonly Section[] Sections;

            public Elf(byte[] bytes, string path)
            {
                _b = bytes; Path = path;
                if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F' || bytes[4] != 2 || bytes[5] != 1)
                    throw new InvalidDataException($"{path}: not a 64-bit little-endian ELF file.");
                var shoff = (long)U64(0x28);
                int entsize = U16(0x3a), count = U16(0x3c);
                if (shoff <= 0 || entsize < 64 || shoff + (long)entsize * count > bytes.Length) throw new InvalidDataException($"{path}: damaged section table.");
                Sections = new Section[count];
                for (var i = 0; i < count; i++)
                {
                    long o = shoff + (long)i * entsize;
                    Sections[i] = new Section { Type = U32(o + 4), Offset = (long)U64(o + 24), Size = (long)U64(o + 32), Link = U32(o + 40), Info = U32(o + 44) };
                    if (Sections[i].Type != 8 && Sections[i].Offset + Sections[i].Size > bytes.Length) throw new InvalidDataException($"{path}: section {i} lies outside the file.");
                }
            }

            public ushort U16(long o) => BitConverter.ToUInt16(_b, checked((int)o));
            public uint U32(long o) => BitConverter.ToUInt32(_b, checked((int)o));
            public ulong U64(long o) => BitConverter.ToUInt64(_b, checked((int)o));
            public void W16(long o, ushort v) { _b[o] = (byte)v; _b[o + 1] = (byte)(v >> 8); }
            public string Str(long table, uint offset)
            {
                var start = checked((int)(table + offset));
                var end = Array.IndexOf(_b, (byte)0, start);
                if (end < 0) throw new InvalidDataException($"{Path}: unterminated string.");
                return Encoding.ASCII.GetString(_b, start, end - start);
            }
        }
    }

#if !LIBSTDCXX_FIX_NO_TASK
    /// <summary>
    /// MSBuild task: in each of <see cref="Folders"/>, fixes libLibTorchSharp.so when this system's
    /// libstdc++ lacks versions it requires (see <see cref="LibStdCxxVersionFix"/>), and says so in one line.
    /// </summary>
    public sealed class FixLibTorchSharp : Microsoft.Build.Utilities.Task
    {
        /// <summary>Folders that may hold libLibTorchSharp.so (a build or publish output, and its runtimes/linux-x64/native).</summary>
        [Microsoft.Build.Framework.Required] public string[] Folders { get; set; }

        /// <inheritdoc/>
        public override bool Execute()
        {
            var libs = Folders.Select(f => System.IO.Path.Combine(f, "libLibTorchSharp.so")).Where(File.Exists).ToList();
            if (libs.Count == 0) return true;
            var system = LibStdCxxVersionFix.SystemLibStdCxx();
            if (system == null)
            {
                Log.LogWarning("TorchSharp: no libstdc++.so.6 found on this system (ldconfig -p); libLibTorchSharp.so left as shipped.");
                return true;
            }
            var available = LibStdCxxVersionFix.DefinedVersions(system);
            foreach (var lib in libs)
            {
                try
                {
                    var o = LibStdCxxVersionFix.Apply(lib, available);
                    if (o.Weakened.Count > 0)
                        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                            $"TorchSharp: {system} lacks {string.Join(", ", o.Weakened)}; made it optional in {Path.GetFullPath(lib)} (this output's copy; the NuGet cache is untouched; unused symbol {string.Join(", ", o.Unversioned)}).");
                }
                catch (Exception e) when (e is InvalidOperationException || e is InvalidDataException || e is IOException)
                {
                    Log.LogError("TorchSharp: " + e.Message);
                }
            }
            return !Log.HasLoggedErrors;
        }
    }
#endif
}
