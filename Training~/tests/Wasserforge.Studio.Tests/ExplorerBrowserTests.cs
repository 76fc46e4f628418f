using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Playwright;
using NUnit.Framework;
using Wasserforge.Explorer;
using Wasserforge.Latent;
using Wasserforge.Studio.Tests.Support;

namespace Wasserforge.Studio.Tests
{
    /// <summary>The explorer page end to end in Debian's chromium: what is on screen is what the core says.</summary>
    [NonParallelizable]
    public class ExplorerBrowserTests
    {
        const string Model = "generator_v1_rgb_4x4.onnx";

        static async Task<int> VersionAsync(StudioFixture studio)
        {
            using var http = new Http(studio.Url);
            return (await http.GetJsonAsync("/api/explorer/state")).GetProperty("version").GetInt32();
        }

        [Test]
        public async Task GridOnScreenIsTheCoresGrid()
        {
            await using var studio = await StudioFixture.StartAsync(Model);
            await using var browser = await Browser.LaunchAsync();
            var page = browser.Page;
            await page.GotoAsync(studio.Server.StartPage.ToString());
            await ScreenGrid.WaitForGridAsync(page, await VersionAsync(studio));
            Assert.That(await page.Locator("#grid canvas").CountAsync(), Is.EqualTo(25));
            Assert.That(await page.Locator("#label").TextContentAsync(), Is.EqualTo("centre: seed:1"));
            var screen = await browser.ScreenshotAsync("explorer.png");
            await ScreenGrid.AssertGridAsync(page, screen, Expected.Grid(studio.ModelPath, new ExplorerState(8)), 25, 4, 4);
        }

        [Test]
        public async Task ClickRecentresShiftClickAnchorsAndTheSliderInterpolates()
        {
            await using var studio = await StudioFixture.StartAsync(Model);
            await using var browser = await Browser.LaunchAsync();
            var page = browser.Page;
            await page.GotoAsync(studio.Url + "explorer");
            await ScreenGrid.WaitForGridAsync(page, await VersionAsync(studio));

            await page.Locator("#grid [data-cell='3']").ClickAsync();
            await Assertions.Expect(page.Locator("#label")).ToHaveTextAsync("centre: cell 3 of seed:1");
            await ScreenGrid.WaitForGridAsync(page, await VersionAsync(studio));
            var core = new ExplorerState(8);
            core.RecentreOnCell(3);
            await ScreenGrid.AssertGridAsync(page, await browser.ScreenshotAsync(), Expected.Grid(studio.ModelPath, core), 25, 4, 4);

            await page.Locator("#grid [data-cell='0']").ClickAsync(new LocatorClickOptions { Modifiers = new[] { KeyboardModifier.Shift } });
            await page.Locator("#grid [data-cell='24']").ClickAsync(new LocatorClickOptions { Modifiers = new[] { KeyboardModifier.Shift } });
            await page.WaitForFunctionAsync("() => document.body.dataset.anchors === '2'");
            Assert.That(await page.Locator("#anchors img").CountAsync(), Is.EqualTo(2));
            Assert.That(await page.Locator("#label").TextContentAsync(), Is.EqualTo("centre: cell 3 of seed:1"), "shift-click does not recentre");
            core.AddAnchorFromCell(0);
            core.AddAnchorFromCell(24);

            foreach (var t in new[] { 0f, 1f, 0.5f, 0.25f })
            {
                await page.Locator("#t").FillAsync(((int)(t * 100)).ToString());
                // the page marks the path image with the t it shows once it has loaded
                await page.WaitForFunctionAsync("t => document.getElementById('path').dataset.t === t", t.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var expected = Expected.One(studio.ModelPath, core.PathPoint(t));
                var screen = await browser.ScreenshotAsync(t == 0.25f ? "explorer-interpolation.png" : null);
                await ScreenGrid.AssertShowsAsync(page, screen, "#path", expected, 4, 4, $"interpolation at t={t}");
                if (t == 0f || t == 1f)
                {
                    var anchor = (float[])core.Anchors[(int)t].Clone();
                    LatentMath.Truncate(anchor, core.Truncation);
                    Assert.That(expected, Is.EqualTo(Expected.One(studio.ModelPath, anchor)), "the path's ends are the anchors");
                }
            }
        }

        [Test]
        public async Task FourAnchorsShowAStripAndABlendWhoseCornersAreTheAnchors()
        {
            await using var studio = await StudioFixture.StartAsync(Model);
            await using var browser = await Browser.LaunchAsync(1400, 900);
            var page = browser.Page;
            await page.GotoAsync(studio.Url + "explorer");
            await ScreenGrid.WaitForGridAsync(page, await VersionAsync(studio));
            var core = new ExplorerState(8);
            foreach (var cell in new[] { 0, 4, 20, 24 })
            {
                await page.Locator($"#grid [data-cell='{cell}']").ClickAsync(new LocatorClickOptions { Modifiers = new[] { KeyboardModifier.Shift } });
                core.AddAnchorFromCell(cell);
                await page.WaitForFunctionAsync("n => document.body.dataset.anchors === n", core.Anchors.Count.ToString());
            }
            await page.WaitForFunctionAsync("() => !!document.body.dataset.blend && !!document.body.dataset.strip");
            Assert.That(await page.Locator("#blend canvas").CountAsync(), Is.EqualTo(25));
            Assert.That(await page.Locator("#strip canvas").CountAsync(), Is.EqualTo(core.PathSteps));
            var screen = await browser.ScreenshotAsync("explorer-blend.png");

            using var model = GeneratorModel.Load(studio.ModelPath);
            var blend = new byte[25 * 64];
            model.GenerateRgba32(core.BlendLatents(5, 5), 25, blend);
            for (var k = 0; k < 25; k++)
                await ScreenGrid.AssertShowsAsync(page, screen, $"#blend canvas[data-index='{k}']", blend.AsMemory(k * 64, 64), 4, 4, $"blend cell {k}");
            var corners = new[] { 0, 4, 20, 24 };
            for (var i = 0; i < 4; i++)
            {
                var anchor = (float[])core.Anchors[i].Clone();
                LatentMath.Truncate(anchor, core.Truncation);
                Assert.That(blend.AsSpan(corners[i] * 64, 64).ToArray(), Is.EqualTo(Expected.One(studio.ModelPath, anchor)), $"blend corner {i} is anchor {i}");
            }
            var strip = new byte[core.PathSteps * 64];
            model.GenerateRgba32(core.PathLatents(), core.PathSteps, strip);
            for (var k = 0; k < core.PathSteps; k++)
                await ScreenGrid.AssertShowsAsync(page, screen, $"#strip canvas[data-index='{k}']", strip.AsMemory(k * 64, 64), 4, 4, $"strip frame {k}");
        }

        [Test]
        public async Task BrokenModelShowsAVisibleError()
        {
            await using var studio = await StudioFixture.StartAsync("broken_v1_output_name.onnx");
            await using var browser = await Browser.LaunchAsync(900, 400);
            var page = browser.Page;
            await page.GotoAsync(studio.Url + "explorer");
            var error = page.Locator("#error");
            await Assertions.Expect(error).ToBeVisibleAsync();
            await Assertions.Expect(error).ToContainTextAsync("broken_v1_output_name.onnx");
            await Assertions.Expect(error).ToContainTextAsync("expected");
            Assert.That(await page.Locator("#grid").IsVisibleAsync(), Is.False, "no grid without a model");
            var screen = await browser.ScreenshotAsync("explorer-error.png");
            var box = await error.BoundingBoxAsync();
            var (r, g, b, _) = screen.At((int)(box.X + 4), (int)(box.Y + 4));
            Assert.That(r, Is.GreaterThan(g + 40), "the error box is red on screen");
        }

        [Test]
        public async Task PlayWalksAndPauseStops()
        {
            await using var studio = await StudioFixture.StartAsync(Model);
            await using var browser = await Browser.LaunchAsync();
            var page = browser.Page;
            await page.GotoAsync(studio.Url + "explorer");
            var start = await VersionAsync(studio);
            await ScreenGrid.WaitForGridAsync(page, start);
            await page.Locator("#walk").ClickAsync();
            await page.WaitForFunctionAsync("v => Number(document.body.dataset.gridVersion) >= v + 2", start);
            await Assertions.Expect(page.Locator("#label")).ToHaveTextAsync("centre: walk");
            await page.Locator("#walk").ClickAsync();
            await Assertions.Expect(page.Locator("#walk")).ToHaveTextAsync("Play walk");
            // The page's walk loop says when it has ended (after the step in flight, if any, was answered).
            await page.WaitForFunctionAsync("() => document.body.dataset.walkStopped !== undefined");
            var last = int.Parse(await page.EvaluateAsync<string>("() => document.body.dataset.walkStopped"));
            Assert.That(await VersionAsync(studio), Is.EqualTo(last), "the studio made no step after the page's last one");
            Assert.That(await page.EvaluateAsync<string>("() => document.body.dataset.walking"), Is.EqualTo("0"));
        }

        [Test]
        public async Task BookmarkSelectAndExportFromThePage()
        {
            await using var studio = await StudioFixture.StartAsync(Model);
            await using var browser = await Browser.LaunchAsync();
            var page = browser.Page;
            await page.GotoAsync(studio.Url + "explorer");
            await ScreenGrid.WaitForGridAsync(page, await VersionAsync(studio));
            await page.Locator("#bookmark-name").FillAsync("keeper");
            await page.Locator("#bookmark").ClickAsync();
            await Assertions.Expect(page.Locator("#bookmarks button")).ToHaveTextAsync("keeper");
            var session = ExplorerSession.Load(ExplorerSession.PathFor(studio.ModelPath), 8);
            Assert.That(session.Bookmarks.Keys, Is.EqualTo(new[] { "keeper" }));

            await page.Locator("#grid [data-cell='6']").ClickAsync(new LocatorClickOptions { Modifiers = new[] { KeyboardModifier.Control } });
            await Assertions.Expect(page.Locator("#grid [data-cell='6']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("selected"));
            await page.Locator("#export").ClickAsync();
            await page.WaitForFunctionAsync("() => !!document.body.dataset.exported");
            var folder = await page.EvaluateAsync<string>("() => document.body.dataset.exported");
            Assert.That(Directory.GetFiles(folder, "sample_*.png").Select(Path.GetFileName), Is.EqualTo(new[] { "sample_000.png" }));
            var (_, _, rgba) = Wasserforge.Tests.IndependentPng.Decode(Path.Combine(folder, "sample_000.png"));
            Assert.That(rgba, Is.EqualTo(Expected.Grid(studio.ModelPath, new ExplorerState(8)).AsSpan(6 * 64, 64).ToArray()));
            Assert.That(await page.Locator("#status").TextContentAsync(), Does.Contain(folder));
        }
    }
}
