using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Playwright;
using NUnit.Framework;

namespace Wasserforge.Studio.Tests.Support
{
    /// <summary>
    /// Debian's chromium (<c>/usr/bin/chromium</c>, installed by Tools~/setup.sh), headless, driven by
    /// Playwright's protocol driver; a fresh profile per browser. Playwright never downloads a browser here.
    /// </summary>
    public sealed class Browser : IAsyncDisposable
    {
        public const string Chromium = "/usr/bin/chromium";
        static readonly string[] Flags =
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--force-color-profile=srgb", "--hide-scrollbars",
        };

        IPlaywright _playwright;
        IBrowser _browser;
        public IPage Page { get; private set; }

        /// <summary>Upper bound on any wait for a page signal: a hang detector, not a timing assumption.</summary>
        const float SignalBoundMs = 600_000;

        public static async Task<Browser> LaunchAsync(int width = 1280, int height = 900)
        {
            if (!File.Exists(Chromium)) Assert.Fail($"{Chromium} is missing: run Tools~/setup.sh (it installs Debian's chromium).");
            var b = new Browser { _playwright = await Playwright.CreateAsync() };
            b._browser = await b._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = Flags });
            var context = await b._browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, DeviceScaleFactor = 1 });
            b.Page = await context.NewPageAsync();
            // No clock in any wait: every wait is for something the page or the studio signals (a data-*
            // attribute, a URL, an element), so a loaded CI machine makes tests slower, never failed.
            // A wait whose signal never comes is a bug: the bound below (ten minutes, thousands of times
            // what any signal takes on a loaded 2-core machine) only turns that bug into a failed test
            // instead of a CI job that hangs until its own limit.
            b.Page.SetDefaultTimeout(SignalBoundMs);
            b.Page.SetDefaultNavigationTimeout(SignalBoundMs);
            Assertions.SetDefaultExpectTimeout(SignalBoundMs);
            return b;
        }

        /// <summary>
        /// Waits until the page's address has the path <paramref name="path"/> (e.g. after a click that
        /// navigates). It polls the page's URL instead of waiting for a navigation event: Playwright .NET's
        /// WaitForURLAsync checks the URL and then subscribes, so a navigation that lands in between is
        /// missed and the wait never ends (microsoft/playwright-dotnet#3364). Fails at once with the page's
        /// own error text when the page shows one (<c>#error.shown</c>) instead of navigating.
        /// </summary>
        public async Task WaitForPathAsync(string path)
        {
            var pattern = "^https?://[^/]+" + System.Text.RegularExpressions.Regex.Escape(path) + "([?#].*)?$";
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await Page.WaitForFunctionAsync(
                        "([p]) => new RegExp(p).test(location.href) || !!document.querySelector('#error.shown')",
                        new object[] { pattern });
                    break;
                }
                catch (PlaywrightException e) when (attempt < 3 && e.Message.Contains("context was destroyed"))
                {
                    // The page navigated while the condition was being evaluated: evaluate it in the new page.
                }
            }
            var error = Page.Url.Contains(path) ? null : await Page.EvaluateAsync<string>("() => document.querySelector('#error.shown')?.textContent");
            if (error != null) Assert.Fail($"the page showed an error instead of going to {path}: {error}");
            await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(pattern));
        }

        /// <summary>A screenshot of the viewport, decoded.</summary>
        public async Task<ScreenshotPng> ScreenshotAsync(string keepAs = null)
        {
            var png = await Page.ScreenshotAsync();
            DocImages.Keep(keepAs, png);
            return ScreenshotPng.Decode(png);
        }

        public async ValueTask DisposeAsync()
        {
            if (_browser != null) await _browser.CloseAsync();
            _playwright?.Dispose();
        }
    }

    /// <summary>Screenshots for Documentation~/images/, written only when WF_DOC_SCREENSHOTS=1 (so test runs leave the tree alone).</summary>
    public static class DocImages
    {
        public static void Keep(string name, byte[] png)
        {
            if (name == null || Environment.GetEnvironmentVariable("WF_DOC_SCREENSHOTS") != "1") return;
            var dir = Path.Combine(Wasserforge.Tests.TestPaths.PackageRoot, "Documentation~", "images");
            Directory.CreateDirectory(dir);
            var tmp = Path.Combine(dir, name + ".tmp");
            File.WriteAllBytes(tmp, png);
            File.Move(tmp, Path.Combine(dir, name), true);
        }
    }
}
