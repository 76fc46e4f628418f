using System.Threading.Tasks;
using NUnit.Framework;
using Wasserforge.Contract;
using Wasserforge.Explorer;

namespace Wasserforge.Tests.Explorer
{
    /// <summary>The explorer on a texture model: its grid, lerp/slerp paths and bookmarks work on the global code, one noise seed for every cell.</summary>
    public class ExplorerTextureTests
    {
        [Test]
        public async Task GridCellsAreTexturesOfTheGlobalCodeWithOneNoiseSeed()
        {
            using var model = GeneratorModel.Load(TestPaths.Fixture("texture_v2_rgb_s4.onnx"));
            using var renderer = new ExplorerRenderer(model, batchSize: 3);
            var s = new ExplorerState(model.LatentDim, 4);
            s.SetGrid(3, 2);
            var latents = s.GridLatents();
            var rgba = await renderer.RenderAsync(latents, s.CellCount, bottomUp: true);
            Assert.That(renderer.BytesPerImage, Is.EqualTo(16 * 16 * 4), "the training crop");
            var cell = new byte[renderer.BytesPerImage];
            for (var k = 0; k < s.CellCount; k++)
            {
                model.GenerateTextureRgba32(new System.ReadOnlySpan<float>(latents, k * 8, 8), ModelContract.DefaultNoiseSeed, 16, 16, cell, bottomUp: true);
                Assert.That(new System.ArraySegment<byte>(rgba, k * cell.Length, cell.Length), Is.EqualTo(cell), "cell " + k);
            }
        }
    }
}
