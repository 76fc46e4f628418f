using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Playwright;
using NUnit.Framework;
using Wasserforge.Studio.Monitor;
using Wasserforge.Studio.Tests.Support;
using Wasserforge.Tests;

namespace Wasserforge.Studio.Tests
{
    /// <summary>The training monitor: metrics.csv parsing, newest files, and the page in chromium.</summary>
    [NonParallelizable]
    public class MonitorTests
    {
        string _dir;
        [SetUp] public void Dir() => _dir = TestPaths.NewTempDir();
        [TearDown] public void Clean() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

        [Test]
        public void MetricsSkipAHalfWrittenLineAndKeepNaN()
        {
            var path = Path.Combine(_dir, "metrics.csv");
            File.WriteAllText(path, RunFolder.Header + "\n10,1.5,-1.2,0.3,0.4,100,1\n20,NaN,-1,0.2,0.5,100,2\n30,1.1,-0");
            var m = RunMonitor.ReadMetrics(path, out var problem);
            Assert.That(problem, Is.Null);
            Assert.That(m.Columns, Is.EqualTo(RunFolder.Header.Split(',')));
            Assert.That(m.Values[0], Is.EqualTo(new[] { 10.0, 20.0 }), "the third line is still being written");
            Assert.That(double.IsNaN(m.Values[1][1]), Is.True);
        }

        [Test]
        public void AHeaderWithoutStepIsNamed()
        {
            var path = Path.Combine(_dir, "metrics.csv");
            File.WriteAllText(path, "iteration,loss\n1,2\n");
            RunMonitor.ReadMetrics(path, out var problem);
            Assert.That(problem, Does.Contain("metrics.csv").And.Contain("'step'"));
        }

        [Test]
        public void NewestSampleAndModelAreFound()
        {
            var run = RunFolder.Create(_dir);
            var monitor = new RunMonitor(run);
            var s = monitor.Snapshot();
            Assert.That(s.RunId, Is.EqualTo("run1"));
            Assert.That(s.Sample, Is.EqualTo("step_000400.png"));
            Assert.That(s.Model, Is.EqualTo("run1.onnx"));
            Assert.That(s.Metrics.Values[0].Length, Is.EqualTo(40));
            Assert.That(() => new RunMonitor(Path.Combine(_dir, "nope")), Throws.InstanceOf<DirectoryNotFoundException>().With.Message.Contain("nope"));
        }

        [Test]
        public async Task MonitorPagePlotsRefreshesAndOpensTheModel()
        {
            var run = RunFolder.Create(_dir);
            await using var studio = await StudioFixture.StartOnAsync(TestPaths.NewTempDir(), null, run);
            await using var browser = await Browser.LaunchAsync(1200, 560);
            var page = browser.Page;
            await page.GotoAsync(studio.Server.StartPage.ToString());
            Assert.That(page.Url, Does.EndWith("/monitor"));
            var plot = page.Locator("#plot");
            await Assertions.Expect(plot).ToHaveAttributeAsync("data-points", "40");
            await page.WaitForFunctionAsync("() => { const i = document.getElementById('sample'); return i.complete && i.naturalWidth > 0; }");
            Assert.That(await page.Locator("#sample").GetAttributeAsync("data-name"), Is.EqualTo("step_000400.png"));
            Assert.That(await page.EvaluateAsync<int>("() => document.getElementById('sample').naturalWidth"), Is.EqualTo(16));

            var screen = await browser.ScreenshotAsync();
            var box = await plot.BoundingBoxAsync();
            var red = 0;
            for (var y = (int)box.Y; y < box.Y + box.Height; y++)
                for (var x = (int)box.X; x < box.X + box.Width; x++)
                {
                    var (r, g, b, _) = screen.At(x, y);
                    if (r > 200 && g < 120 && b < 120) red++;
                }
            Assert.That(red, Is.GreaterThan(200), "the Wasserstein curve (red) is drawn on the canvas");

            File.AppendAllText(Path.Combine(run, "metrics.csv"), RunFolder.Rows(410, 500));
            Pixels.PngEncoder.WriteFile(Path.Combine(run, "samples", "step_000500.png"), new byte[12 * 12 * 4], 12, 12, 4);
            File.SetLastWriteTimeUtc(Path.Combine(run, "samples", "step_000500.png"), DateTime.UtcNow.AddMinutes(1));
            await Assertions.Expect(plot).ToHaveAttributeAsync("data-points", "50");
            await Assertions.Expect(page.Locator("#sample")).ToHaveAttributeAsync("data-name", "step_000500.png");
            await page.WaitForFunctionAsync("() => document.getElementById('sample').naturalWidth === 12");

            await page.Locator("#open-model").ClickAsync();
            // The monitor page goes to /explorer once the studio has answered the open; the explorer page
            // marks the grid version it shows once its pixels are drawn. No clock in either wait.
            await browser.WaitForPathAsync("/explorer");
            await page.WaitForFunctionAsync("() => !!document.body.dataset.gridVersion");
            Assert.That(await page.Locator("#model").TextContentAsync(), Does.Contain("run1.onnx"));
            Assert.That(await page.Locator("#grid canvas").CountAsync(), Is.EqualTo(25));
            Assert.That(int.Parse(await page.EvaluateAsync<string>("() => document.body.dataset.gridVersion")), Is.EqualTo(studio.Server.Explorer.Version),
                "the page shows the grid of the model the studio opened");
        }
    }
}
