using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Playwright;
using NUnit.Framework;
using Wasserforge.Studio.Tests.Support;
using Wasserforge.Tests;

namespace Wasserforge.Studio.Tests
{
    /// <summary>
    /// Screenshots for Documentation~/images/ with the bundled sample generator and, when WF_DOC_RUN
    /// names a finished run (results/&lt;ID&gt;, e.g. from Training~/bench/real-sets.sh), its monitor and
    /// its exported model in the explorer (not a test; run with
    /// WF_DOC_SCREENSHOTS=1 dotnet test ... --filter FullyQualifiedName~DocScreenshots).
    /// </summary>
    [Explicit("writes Documentation~/images/")]
    public class DocScreenshots
    {
        [Test]
        public async Task ExplorerWithTheSampleGenerator()
        {
            var dir = TestPaths.NewTempDir();
            var model = Path.Combine(dir, "ProceduralTextures.onnx");
            File.Copy(Path.Combine(TestPaths.PackageRoot, "Samples~", "TextureFromSeed", "ProceduralTextures.onnx"), model);
            await using var studio = await StudioFixture.StartOnAsync(dir, model, null, 6, 4);
            await using var browser = await Browser.LaunchAsync(1280, 760);
            var page = browser.Page;
            using var http = new Http(studio.Url);
            await page.GotoAsync(studio.Url + "explorer");
            await ScreenGrid.WaitForGridAsync(page, (await http.GetJsonAsync("/api/explorer/state")).GetProperty("version").GetInt32());
            await page.Locator("#grid [data-cell='2']").ClickAsync(new LocatorClickOptions { Modifiers = new[] { KeyboardModifier.Shift } });
            await page.Locator("#grid [data-cell='21']").ClickAsync(new LocatorClickOptions { Modifiers = new[] { KeyboardModifier.Shift } });
            await page.WaitForFunctionAsync("() => document.body.dataset.anchors === '2'");
            await page.Locator("#grid [data-cell='5']").ClickAsync(new LocatorClickOptions { Modifiers = new[] { KeyboardModifier.Shift } });
            await page.WaitForFunctionAsync("() => document.body.dataset.anchors === '3'");
            await page.Locator("#grid [data-cell='18']").ClickAsync(new LocatorClickOptions { Modifiers = new[] { KeyboardModifier.Shift } });
            await page.WaitForFunctionAsync("() => !!document.body.dataset.blend && !!document.body.dataset.strip");
            await page.Locator("#t").FillAsync("40");
            await page.WaitForFunctionAsync("() => document.getElementById('path').dataset.t === '0.4'");
            await page.Locator("#bookmark-name").FillAsync("warm stone");
            await page.Locator("#bookmark").ClickAsync();
            await Assertions.Expect(page.Locator("#bookmarks button")).ToHaveTextAsync("warm stone");
            await browser.ScreenshotAsync("explorer-sample-generator.png");
        }

        [Test]
        public async Task MonitorAndExplorerOfARealRun()
        {
            var run = Environment.GetEnvironmentVariable("WF_DOC_RUN");
            if (string.IsNullOrEmpty(run)) Assert.Ignore("set WF_DOC_RUN to a finished results/<ID> folder");
            await using var studio = await StudioFixture.StartOnAsync(TestPaths.NewTempDir(), null, run, 8, 4);
            await using var browser = await Browser.LaunchAsync(1280, 600);
            var page = browser.Page;
            await page.GotoAsync(studio.Server.StartPage.ToString());
            await page.WaitForFunctionAsync("() => Number(document.getElementById('plot').dataset.points) > 1");
            await page.WaitForFunctionAsync("() => { const i = document.getElementById('sample'); return i.complete && i.naturalWidth > 0; }");
            await browser.ScreenshotAsync("monitor-real-run.png");

            await page.Locator("#open-model").ClickAsync();
            await browser.WaitForPathAsync("/explorer");
            await Assertions.Expect(page.Locator("#grid canvas")).ToHaveCountAsync(32);
            await page.WaitForFunctionAsync("() => !!document.body.dataset.gridVersion");
            await browser.ScreenshotAsync("explorer-real-run.png");
        }
    }
}
