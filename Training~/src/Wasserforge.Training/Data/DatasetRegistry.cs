using System.Collections.Generic;
using System.IO;

namespace Wasserforge.Training.Data
{
    /// <summary>The built-in datasets, for the <c>datasets</c> verb and config validation.</summary>
    public static class DatasetRegistry
    {
        /// <summary>Name and one-line description of each built-in dataset.</summary>
        public static readonly IReadOnlyList<KeyValuePair<string, string>> BuiltIns = new[]
        {
            new KeyValuePair<string, string>("materials", "Tileable RGB textures made by our own code: bricks, tiles, marble, stripes, cells, in their materials' colours (any size; the README's demo)."),
            new KeyValuePair<string, string>("procedural", "The same five patterns in random colours (any size; the set of the benchmark tables)."),
            new KeyValuePair<string, string>("8gaussians", "WGAN-GP toy set: 8 Gaussians on a circle of radius 2 (std 0.02), scaled by 1/1.414. Use model kind mlp."),
            new KeyValuePair<string, string>("25gaussians", "WGAN-GP toy set: 5x5 grid of Gaussians (std 0.05), scaled by 1/2.828. Use model kind mlp."),
            new KeyValuePair<string, string>("swissroll", "WGAN-GP toy set: scikit-learn swiss roll (noise 0.25), scaled by 1/7.5. Use model kind mlp."),
        };

        /// <summary>True when <paramref name="name"/> is a built-in dataset.</summary>
        public static bool IsBuiltIn(string name)
        {
            foreach (var kv in BuiltIns) if (kv.Key == name) return true;
            return false;
        }

        /// <summary>
        /// Refuses a built-in name that also names a file or folder in <paramref name="directory"/>: <c>materials</c>
        /// could mean either, and training on the wrong one would not say so.
        /// </summary>
        /// <exception cref="DatasetException"><paramref name="name"/> is built in and <paramref name="directory"/> holds an entry of that name.</exception>
        public static void CheckNotShadowed(string name, string directory)
        {
            if (!IsBuiltIn(name)) return;
            var path = Path.GetFullPath(Path.Combine(directory ?? ".", name));
            if (Directory.Exists(path) || File.Exists(path))
                throw new DatasetException($"'{name}' names a built-in dataset, and {path} exists too: write './{name}' for the images there; for the built-in set, rename that entry or work from another folder.");
        }
    }
}
