using System;
using System.IO;

namespace Wasserforge.Tests
{
    /// <summary>Finds the package's test fixtures in a plain .NET run and inside a Unity project.</summary>
    public static class TestPaths
    {
        static string s_root;

        /// <summary>The package root (the folder holding package.json).</summary>
        public static string PackageRoot
        {
            get
            {
                if (s_root != null) return s_root;
                var unity = Path.GetFullPath(Path.Combine("Packages", "com.wasserforge.wgan"));
                if (File.Exists(Path.Combine(unity, "package.json"))) return s_root = unity;
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, "package.json"))) dir = dir.Parent;
                if (dir == null) throw new DirectoryNotFoundException("package.json not found above " + AppContext.BaseDirectory);
                return s_root = dir.FullName;
            }
        }

        /// <summary><c>Tests/Fixtures</c>.</summary>
        public static string Fixtures => Path.Combine(PackageRoot, "Tests", "Fixtures");

        /// <summary>A fixture file by name.</summary>
        public static string Fixture(string name) => Path.Combine(Fixtures, name);

        /// <summary>A fresh empty temporary folder.</summary>
        public static string NewTempDir()
        {
            var d = Path.Combine(Path.GetTempPath(), "wasserforge-tests-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(d);
            return d;
        }
    }
}
