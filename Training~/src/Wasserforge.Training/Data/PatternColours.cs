using Wasserforge.Latent;

namespace Wasserforge.Training.Data
{
    /// <summary>
    /// The colours a procedural pattern asks for, by role, drawn from the image's random stream. Each
    /// family asks in a fixed order, so a palette decides what every role looks like and how many draws
    /// it costs; <see cref="RandomColours"/> keeps the draws of the original set bit for bit.
    /// </summary>
    abstract class PatternColours
    {
        public abstract Rgb Brick(ref Xoshiro256 rng);
        public abstract Rgb Mortar(ref Xoshiro256 rng);
        /// <summary>The two colours of a tile checkerboard.</summary>
        public abstract (Rgb a, Rgb b) TilePair(ref Xoshiro256 rng);
        public abstract Rgb MarbleBase(ref Xoshiro256 rng);
        public abstract Rgb MarbleVein(ref Xoshiro256 rng);
        /// <summary>The two colours a stripe pattern blends between.</summary>
        public abstract (Rgb a, Rgb b) StripePair(ref Xoshiro256 rng);
        /// <summary>Called once per cells image, before its cells: the image's common tone, if any.</summary>
        public abstract Rgb CellTone(ref Xoshiro256 rng);
        public abstract Rgb Cell(ref Xoshiro256 rng, Rgb tone);

        /// <summary>The colours for <paramref name="palette"/>.</summary>
        public static PatternColours For(ProceduralPalette palette) => palette == ProceduralPalette.Materials ? MaterialColours.Instance : RandomColours.Instance;

        /// <summary>Three uniform channels in [lo, hi): the original set's colour.</summary>
        protected static Rgb Uniform(ref Xoshiro256 rng, float lo, float hi)
        {
            var r = lo + (float)rng.NextDouble() * (hi - lo);
            var g = lo + (float)rng.NextDouble() * (hi - lo);
            var b = lo + (float)rng.NextDouble() * (hi - lo);
            return new Rgb(r, g, b);
        }
    }

    /// <summary>An RGB colour with channels in [0, 1].</summary>
    readonly struct Rgb
    {
        public readonly float R, G, B;
        public Rgb(float r, float g, float b) { R = r; G = g; B = b; }
        /// <summary>The blend <paramref name="w"/>·this + (1 − w)·<paramref name="other"/>.</summary>
        public Rgb Mix(Rgb other, float w) => new Rgb(R * w + other.R * (1 - w), G * w + other.G * (1 - w), B * w + other.B * (1 - w));
        /// <summary>The point this + (<paramref name="other"/> − this)·<paramref name="t"/> on the way to <paramref name="other"/>.</summary>
        public Rgb Toward(Rgb other, float t) => new Rgb(R + (other.R - R) * t, G + (other.G - G) * t, B + (other.B - B) * t);
    }

    /// <summary>The original <c>procedural</c> set: every colour uniformly random, in its original draw order.</summary>
    sealed class RandomColours : PatternColours
    {
        public static readonly RandomColours Instance = new RandomColours();
        public override Rgb Brick(ref Xoshiro256 rng) => Uniform(ref rng, 0.3f, 0.8f);
        public override Rgb Mortar(ref Xoshiro256 rng) => Uniform(ref rng, 0.05f, 0.4f);
        public override (Rgb a, Rgb b) TilePair(ref Xoshiro256 rng) { var a = Uniform(ref rng, 0.1f, 0.9f); return (a, Uniform(ref rng, 0.1f, 0.9f)); }
        public override Rgb MarbleBase(ref Xoshiro256 rng) => Uniform(ref rng, 0.5f, 0.95f);
        public override Rgb MarbleVein(ref Xoshiro256 rng) => Uniform(ref rng, 0.05f, 0.5f);
        public override (Rgb a, Rgb b) StripePair(ref Xoshiro256 rng) { var a = Uniform(ref rng, 0.1f, 0.9f); return (a, Uniform(ref rng, 0.1f, 0.9f)); }
        public override Rgb CellTone(ref Xoshiro256 rng) => default;
        public override Rgb Cell(ref Xoshiro256 rng, Rgb tone) => Uniform(ref rng, 0.1f, 0.9f);
    }
}
