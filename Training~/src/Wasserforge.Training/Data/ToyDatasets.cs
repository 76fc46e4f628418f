using System;
using Wasserforge.Latent;

namespace Wasserforge.Training.Data
{
    /// <summary>
    /// The 2-D toy distributions of the WGAN-GP paper's reference code (Gulrajani et al., gan_toy.py),
    /// with the same centres, noise and scaling:
    /// <list type="bullet">
    /// <item><c>8gaussians</c>: centres (±1, 0), (0, ±1), (±1/√2, ±1/√2) scaled by 2; noise N(0, 0.02²); all divided by 1.414.</item>
    /// <item><c>25gaussians</c>: centres (2i, 2j) for i, j ∈ {−2…2}; noise N(0, 0.05²); all divided by 2.828.</item>
    /// <item><c>swissroll</c>: scikit-learn's make_swiss_roll(noise = 0.25), coordinates (x, z), divided by 7.5.</item>
    /// </list>
    /// </summary>
    public sealed class ToyDataset : IDataset
    {
        readonly double[,] _centres;
        readonly double _noise;
        readonly double _divide;

        /// <inheritdoc/>
        public string Name { get; }
        /// <inheritdoc/>
        public long[] SampleShape => new long[] { 2 };
        /// <inheritdoc/>
        public int Count => 0;

        /// <summary>Mixture centres after scaling (null for the swiss roll).</summary>
        public double[,] Centres
        {
            get
            {
                if (_centres == null) return null;
                var c = (double[,])_centres.Clone();
                for (var i = 0; i < c.GetLength(0); i++) { c[i, 0] /= _divide; c[i, 1] /= _divide; }
                return c;
            }
        }

        /// <summary>Standard deviation of each mixture component after scaling.</summary>
        public double ComponentStd => _noise / _divide;

        ToyDataset(string name, double[,] centres, double noise, double divide)
        {
            Name = name; _centres = centres; _noise = noise; _divide = divide;
        }

        /// <summary>Creates a toy set by name, or returns null for other names.</summary>
        public static ToyDataset Create(string name)
        {
            switch (name)
            {
                case "8gaussians":
                {
                    var s = 1.0 / Math.Sqrt(2);
                    var unit = new[,] { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 }, { s, s }, { s, -s }, { -s, s }, { -s, -s } };
                    var c = new double[8, 2];
                    for (var i = 0; i < 8; i++) { c[i, 0] = 2 * unit[i, 0]; c[i, 1] = 2 * unit[i, 1]; }
                    return new ToyDataset(name, c, 0.02, 1.414);
                }
                case "25gaussians":
                {
                    var c = new double[25, 2];
                    var k = 0;
                    for (var x = -2; x <= 2; x++)
                        for (var y = -2; y <= 2; y++) { c[k, 0] = 2 * x; c[k, 1] = 2 * y; k++; }
                    return new ToyDataset(name, c, 0.05, 2.828);
                }
                case "swissroll":
                    return new ToyDataset(name, null, 0.25, 7.5);
                default:
                    return null;
            }
        }

        /// <inheritdoc/>
        public void NextBatch(ref Xoshiro256 rng, int batchSize, Span<float> destination)
        {
            for (var i = 0; i < batchSize; i++)
            {
                double x, y;
                if (_centres != null)
                {
                    var k = rng.NextInt(_centres.GetLength(0));
                    x = _centres[k, 0] + rng.NextGaussian() * _noise;
                    y = _centres[k, 1] + rng.NextGaussian() * _noise;
                }
                else
                {
                    var t = 1.5 * Math.PI * (1 + 2 * rng.NextDouble());
                    rng.NextDouble();   // the roll's height (unused coordinate), drawn as sklearn does
                    x = t * Math.Cos(t) + rng.NextGaussian() * _noise;
                    y = t * Math.Sin(t) + rng.NextGaussian() * _noise;
                }
                destination[i * 2] = (float)(x / _divide);
                destination[i * 2 + 1] = (float)(y / _divide);
            }
        }
    }
}
