namespace Wasserforge.Training.Data
{
    /// <summary>How the built-in procedural sets colour their patterns.</summary>
    public enum ProceduralPalette
    {
        /// <summary>
        /// Every colour uniformly random (<c>data.source: procedural</c>): the set the benchmark tables
        /// in docs/benchmarks.md were measured on.
        /// </summary>
        Random,

        /// <summary>
        /// Colours of the real materials each family stands for (<c>data.source: materials</c>): red and
        /// brown bricks in pale mortar, ceramic tiles, white and grey marble with dark veins, striped cloth
        /// and wood, stone flags. The same patterns as <see cref="Random"/>, with far fewer colours, so a sample's colour says which material it is.
        /// </summary>
        Materials,
    }
}
