using System;
using Wasserforge.Latent;

namespace Wasserforge.Training.Data
{
    /// <summary>
    /// The <c>materials</c> set's colours: each family coloured as the material it stands for, a few
    /// swatches per role with a small random shift in brightness and hue, so no two images are alike
    /// but every brick looks like brick.
    /// </summary>
    sealed class MaterialColours : PatternColours
    {
        public static readonly MaterialColours Instance = new MaterialColours();

        static readonly Rgb[] Bricks = { C(0.60f, 0.26f, 0.19f), C(0.46f, 0.19f, 0.15f), C(0.70f, 0.36f, 0.24f), C(0.47f, 0.32f, 0.24f), C(0.76f, 0.62f, 0.45f) };
        static readonly Rgb[] Mortars = { C(0.80f, 0.78f, 0.74f), C(0.62f, 0.61f, 0.59f), C(0.78f, 0.72f, 0.60f) };
        static readonly (Rgb, Rgb)[] Tiles =
        {
            (C(0.93f, 0.92f, 0.89f), C(0.13f, 0.13f, 0.15f)),   // black and white
            (C(0.93f, 0.92f, 0.89f), C(0.20f, 0.33f, 0.62f)),   // cobalt
            (C(0.90f, 0.85f, 0.72f), C(0.72f, 0.38f, 0.26f)),   // cream and terracotta
            (C(0.80f, 0.80f, 0.80f), C(0.20f, 0.40f, 0.32f)),   // grey and green
            (C(0.93f, 0.92f, 0.89f), C(0.55f, 0.70f, 0.85f)),   // pale blue
        };
        static readonly Rgb[] MarbleBases = { C(0.93f, 0.92f, 0.90f), C(0.89f, 0.84f, 0.74f), C(0.76f, 0.77f, 0.78f), C(0.88f, 0.76f, 0.72f) };
        static readonly Rgb[] MarbleVeins = { C(0.30f, 0.30f, 0.32f), C(0.45f, 0.46f, 0.48f), C(0.40f, 0.34f, 0.28f), C(0.18f, 0.26f, 0.22f) };
        static readonly (Rgb, Rgb)[] Stripes =
        {
            (C(0.75f, 0.15f, 0.15f), C(0.93f, 0.92f, 0.88f)),   // red awning
            (C(0.15f, 0.20f, 0.40f), C(0.90f, 0.86f, 0.75f)),   // navy cloth
            (C(0.20f, 0.45f, 0.25f), C(0.90f, 0.86f, 0.75f)),   // green cloth
            (C(0.55f, 0.36f, 0.20f), C(0.36f, 0.22f, 0.12f)),   // wood planks
            (C(0.90f, 0.75f, 0.15f), C(0.12f, 0.12f, 0.12f)),   // hazard
        };
        static readonly Rgb[] Stones = { C(0.55f, 0.55f, 0.55f), C(0.72f, 0.62f, 0.46f), C(0.35f, 0.38f, 0.42f), C(0.55f, 0.38f, 0.30f), C(0.45f, 0.50f, 0.38f) };

        public override Rgb Brick(ref Xoshiro256 rng) => Shift(ref rng, Pick(ref rng, Bricks), 0.08f, 0.03f);
        public override Rgb Mortar(ref Xoshiro256 rng) => Shift(ref rng, Pick(ref rng, Mortars), 0.06f, 0.02f);
        public override (Rgb a, Rgb b) TilePair(ref Xoshiro256 rng) => Pair(ref rng, Tiles);
        public override Rgb MarbleBase(ref Xoshiro256 rng) => Shift(ref rng, Pick(ref rng, MarbleBases), 0.04f, 0.02f);
        public override Rgb MarbleVein(ref Xoshiro256 rng) => Shift(ref rng, Pick(ref rng, MarbleVeins), 0.10f, 0.02f);
        public override (Rgb a, Rgb b) StripePair(ref Xoshiro256 rng) => Pair(ref rng, Stripes);
        public override Rgb CellTone(ref Xoshiro256 rng) => Shift(ref rng, Pick(ref rng, Stones), 0.08f, 0.03f);
        /// <summary>Each flag is the image's stone, lighter or darker.</summary>
        public override Rgb Cell(ref Xoshiro256 rng, Rgb tone) => Shift(ref rng, tone, 0.18f, 0.02f);

        static Rgb C(float r, float g, float b) => new Rgb(r, g, b);

        static Rgb Pick(ref Xoshiro256 rng, Rgb[] swatches) => swatches[rng.NextInt(swatches.Length)];

        /// <summary>A swatch pair, in either order.</summary>
        static (Rgb a, Rgb b) Pair(ref Xoshiro256 rng, (Rgb, Rgb)[] pairs)
        {
            var (a, b) = pairs[rng.NextInt(pairs.Length)];
            a = Shift(ref rng, a, 0.05f, 0.02f);
            b = Shift(ref rng, b, 0.05f, 0.02f);
            return rng.NextInt(2) == 0 ? (a, b) : (b, a);
        }

        /// <summary><paramref name="c"/> scaled by 1 ± <paramref name="brightness"/> and each channel moved by up to ± <paramref name="hue"/>.</summary>
        static Rgb Shift(ref Xoshiro256 rng, Rgb c, float brightness, float hue)
        {
            var s = 1f + brightness * (2f * (float)rng.NextDouble() - 1f);
            float Channel(float v, ref Xoshiro256 r) => Math.Max(0f, Math.Min(1f, v * s + hue * (2f * (float)r.NextDouble() - 1f)));
            var red = Channel(c.R, ref rng);
            var green = Channel(c.G, ref rng);
            var blue = Channel(c.B, ref rng);
            return new Rgb(red, green, blue);
        }
    }
}
