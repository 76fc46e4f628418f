using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Wasserforge.Tests
{
    /// <summary>
    /// Reads <c>Tests/Fixtures/expected_texture_outputs.json</c>: for the texture fixture, cases of a global
    /// code seed, a noise seed and a size, with the wf-noise-1 noise and the output PyTorch computed for them
    /// independently of ONNX Runtime and of the runtime's own noise (make_fixtures.py).
    /// </summary>
    public sealed class ExpectedTexture
    {
        public ulong ZSeed;
        public ulong NoiseSeed;
        public int Width;
        public int Height;
        public float[] Z;
        public float[] Noise;
        public float[] Output;

        public static List<ExpectedTexture> Load(string fixture)
        {
            var root = (Dictionary<string, object>)MiniJson.Parse(File.ReadAllText(TestPaths.Fixture("expected_texture_outputs.json")));
            return ((List<object>)root[fixture]).Cast<Dictionary<string, object>>().Select(e => new ExpectedTexture
            {
                ZSeed = (ulong)(double)e["z_seed"],
                NoiseSeed = (ulong)(double)e["noise_seed"],
                Width = (int)(double)e["width"],
                Height = (int)(double)e["height"],
                Z = Floats(e["z"]),
                Noise = Floats(e["noise"]),
                Output = Floats(e["output"]),
            }).ToList();
        }

        static float[] Floats(object list) => ((List<object>)list).Cast<double>().Select(d => (float)d).ToArray();
    }
}
