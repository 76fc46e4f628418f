using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Wasserforge.Tests
{
    /// <summary>Reads <c>Tests/Fixtures/expected_outputs.txt</c>: outputs computed independently by numpy in make_fixtures.py.</summary>
    public sealed class ExpectedOutput
    {
        public int[] Shape;
        public float[] Latents;
        public float[] Output;

        public static Dictionary<string, ExpectedOutput> Load()
        {
            var lines = File.ReadAllLines(TestPaths.Fixture("expected_outputs.txt"));
            var result = new Dictionary<string, ExpectedOutput>();
            for (var i = 0; i + 3 < lines.Length; i += 4)
            {
                result[lines[i]] = new ExpectedOutput
                {
                    Shape = lines[i + 1].Split(' ').Select(int.Parse).ToArray(),
                    Latents = Floats(lines[i + 2]),
                    Output = Floats(lines[i + 3]),
                };
            }
            return result;
        }

        static float[] Floats(string line) =>
            line.Split(' ').Select(s => (float)double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
    }
}
