using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using Wasserforge.Studio.Tests.Support;

namespace Wasserforge.Studio.Tests
{
    /// <summary>
    /// Benchmark (not a test: run by Training~/bench/studio.sh, which makes the model): time from a
    /// recentre click to all 64 images of an 8×8 grid from a 64×64 generator loaded in chromium.
    /// </summary>
    [Explicit("benchmark: run Training~/bench/studio.sh")]
    [Category("Benchmark")]
    public class StudioBenchmark
    {
        [Test]
        public async Task RecentreToGridOf64Loaded()
        {
            var model = Environment.GetEnvironmentVariable("WF_STUDIO_BENCH_MODEL");
            Assert.That(model, Is.Not.Null.And.Not.Empty, "set WF_STUDIO_BENCH_MODEL (Training~/bench/studio.sh does)");
            var clicks = int.TryParse(Environment.GetEnvironmentVariable("WF_STUDIO_BENCH_CLICKS"), out var c) ? c : 10;
            await using var studio = await StudioFixture.StartOnAsync(Wasserforge.Tests.TestPaths.NewTempDir(), model, null, 8, 8);
            Assert.That(studio.Server.Explorer.Error, Is.Null);
            await using var browser = await Browser.LaunchAsync(1280, 1000);
            var page = browser.Page;
            using var http = new Http(studio.Url);
            await page.GotoAsync(studio.Url + "explorer");
            await ScreenGrid.WaitForGridAsync(page, (await http.GetJsonAsync("/api/explorer/state")).GetProperty("version").GetInt32());
            Assert.That(await page.Locator("#grid canvas").CountAsync(), Is.EqualTo(64));

            var wall = new double[clicks];
            var inPage = new double[clicks];
            var render = new double[clicks];
            for (var i = 0; i < clicks; i++)
            {
                var before = await page.EvaluateAsync<string>("() => document.body.dataset.gridVersion");
                var cell = i % 2 == 0 ? 9 : 54; // away from the centre, alternating
                var sw = Stopwatch.StartNew();
                await page.Locator($"#grid [data-cell='{cell}']").ClickAsync();
                await page.WaitForFunctionAsync("v => document.body.dataset.gridVersion && document.body.dataset.gridVersion !== v", before,
                    new Microsoft.Playwright.PageWaitForFunctionOptions { PollingInterval = 5 });
                wall[i] = sw.Elapsed.TotalMilliseconds;
                inPage[i] = await page.EvaluateAsync<double>("() => window.wfLastGridMs");
                render[i] = studio.Server.Explorer.LastRenderMs;
            }
            await browser.ScreenshotAsync("explorer-64x64-bench.png");
            string Stats(double[] v) { var s = v.OrderBy(x => x).ToArray(); return string.Format(CultureInfo.InvariantCulture, "median {0:F0} ms, min {1:F0} ms, max {2:F0} ms", s[s.Length / 2], s[0], s[^1]); }
            var report = $"clicks {clicks}; in page (click event -> 64 images loaded): {Stats(inPage)}; driver (click sent -> grid reported): {Stats(wall)}; of which generating 64 images on the server: {Stats(render)}";
            TestContext.Out.WriteLine(report);
            var outPath = Environment.GetEnvironmentVariable("WF_STUDIO_BENCH_OUT");
            if (!string.IsNullOrEmpty(outPath)) File.WriteAllText(outPath, report + "\n");
        }
    }
}
