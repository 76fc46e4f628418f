using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Wasserforge.Tests
{
    /// <summary>
    /// Reads <c>Tests/Fixtures/expected_outputs.json</c>: for each fixture, fixed latents and the
    /// outputs numpy computed for them independently of ONNX Runtime (make_fixtures.py).
    /// </summary>
    public sealed class ExpectedOutput
    {
        public int[] Shape;
        public float[] Latents;
        public float[] Output;

        public static Dictionary<string, ExpectedOutput> Load()
        {
            var root = (Dictionary<string, object>)MiniJson.Parse(File.ReadAllText(TestPaths.Fixture("expected_outputs.json")));
            var result = new Dictionary<string, ExpectedOutput>();
            foreach (var entry in root)
            {
                var e = (Dictionary<string, object>)entry.Value;
                result[entry.Key] = new ExpectedOutput
                {
                    Shape = Numbers(e["shape"]).Select(d => (int)d).ToArray(),
                    Latents = Numbers(e["latents"]).Select(d => (float)d).ToArray(),
                    Output = Numbers(e["output"]).Select(d => (float)d).ToArray(),
                };
            }
            return result;
        }

        static IEnumerable<double> Numbers(object list) => ((List<object>)list).Cast<double>();
    }
}
