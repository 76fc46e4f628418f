using System;
using System.Threading.Tasks;
using Microsoft.Playwright;
using NUnit.Framework;

namespace Wasserforge.Studio.Tests.Support
{
    /// <summary>Compares what an &lt;img&gt; on screen shows with the pixels the core generated.</summary>
    public static class ScreenGrid
    {
        /// <summary>Colour tolerance per channel (the browser's scaling and colour path, at most rounding).</summary>
        public const int Tolerance = 2;

        /// <summary>Waits until the page reports grid <paramref name="version"/> fully loaded.</summary>
        public static Task WaitForGridAsync(IPage page, int version) =>
            page.WaitForFunctionAsync("v => document.body.dataset.gridVersion === String(v)", version);

        /// <summary>
        /// Asserts that the image <paramref name="selector"/> shows <paramref name="expected"/> (RGBA,
        /// w × h): every source pixel is sampled on screen at the centre of its scaled square.
        /// </summary>
        public static async Task AssertShowsAsync(IPage page, ScreenshotPng screen, string selector, ReadOnlyMemory<byte> expected, int w, int h, string what)
        {
            var box = await page.Locator(selector).BoundingBoxAsync();
            Assert.That(box, Is.Not.Null, what + " is on screen");
            var worst = 0;
            for (var y = 0; y < h; y++)
                for (var x = 0; x < w; x++)
                {
                    var sx = (int)(box.X + (x + 0.5) * box.Width / w);
                    var sy = (int)(box.Y + (y + 0.5) * box.Height / h);
                    var (r, g, b, _) = screen.At(sx, sy);
                    var i = (y * w + x) * 4;
                    var e = expected.Span;
                    worst = Math.Max(worst, Math.Max(Math.Abs(r - e[i]), Math.Max(Math.Abs(g - e[i + 1]), Math.Abs(b - e[i + 2]))));
                }
            Assert.That(worst, Is.LessThanOrEqualTo(Tolerance), $"{what}: largest colour difference between screen and core");
        }

        /// <summary>Asserts every cell of the grid on screen against the core's images.</summary>
        public static async Task AssertGridAsync(IPage page, ScreenshotPng screen, byte[] expected, int cells, int w, int h)
        {
            var size = w * h * 4;
            for (var k = 0; k < cells; k++)
                await AssertShowsAsync(page, screen, $"#grid [data-cell='{k}']", expected.AsMemory(k * size, size), w, h, $"cell {k}");
        }
    }
}
