using System.Collections.Generic;

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
    }
}
