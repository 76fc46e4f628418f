using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using Wasserforge.Explorer;
using Wasserforge.Studio.Tests.Support;
using Wasserforge.Tests;

namespace Wasserforge.Studio.Tests
{
    /// <summary>
    /// Requests as curl or a hostile page would send them (raw bytes on a socket): a foreign Host (DNS
    /// rebinding), a foreign Origin (a cross-site form or fetch), or a foreign Sec-Fetch-Site/Referer are
    /// refused with 403 and change nothing; the studio's own pages and plain programs are served.
    /// </summary>
    public class TrustBoundaryTests
    {
        const string Model = "generator_v1_rgb_4x4.onnx";

        static string Own(StudioFixture s) => $"127.0.0.1:{s.Url.Port}";

        static async Task<int> Version(StudioFixture s)
        {
            using var http = new Http(s.Url);
            return (await http.GetJsonAsync("/api/explorer/state")).GetProperty("version").GetInt32();
        }

        [Test]
        public async Task TheIssuesCurlWithAForeignHostAndOriginExportsNothing()
        {
            await using var studio = await StudioFixture.StartAsync(Model);
            var answer = await RawHttp.SendAsync(studio.Url, "POST", "/api/explorer/export", "Host: evil.example", "Origin: http://evil.example");
            Assert.That(answer.Status, Is.EqualTo(403));
            Assert.That(answer.Body, Does.Contain("refused").And.Contain("evil.example").And.Contain(studio.Url.Port.ToString()));
            Assert.That(Directory.Exists(studio.ModelPath + ".exports"), Is.False, "no export folder beside the model");
        }

        [TestCase("GET", "/api/explorer/state")]
        [TestCase("GET", "/explorer")]
        [TestCase("GET", "/api/explorer/grid/1.rgba")]
        [TestCase("POST", "/api/explorer/seed?seed=5")]
        [TestCase("POST", "/api/explorer/bookmark?name=x")]
        public async Task ARebindingPageIsRefusedReadsIncluded(string method, string path)
        {
            // DNS rebinding: evil.example now resolves to 127.0.0.1, so the page is "same-origin" with itself
            // and its browser sends its own name as Host and Origin.
            await using var studio = await StudioFixture.StartAsync(Model);
            var before = await Version(studio);
            var port = studio.Url.Port;
            var answer = await RawHttp.SendAsync(studio.Url, method, path, $"Host: evil.example:{port}", $"Origin: http://evil.example:{port}", "Sec-Fetch-Site: same-origin");
            Assert.That(answer.Status, Is.EqualTo(403), answer.Body);
            Assert.That(answer.Body, Does.Contain("Host 'evil.example:" + port + "'").And.Contain("DNS rebinding"));
            Assert.That(await Version(studio), Is.EqualTo(before));
            Assert.That(File.Exists(ExplorerSession.PathFor(studio.ModelPath)), Is.False, "no bookmark saved");
        }

        [TestCase("Host: 127.0.0.1:1")]
        [TestCase("Host: 127.0.0.1")]
        [TestCase("Host: 192.168.1.20:PORT")]
        [TestCase("Host: localhost.evil.example:PORT")]
        [TestCase(null)]
        public async Task AnyOtherHostIsRefused(string host)
        {
            await using var studio = await StudioFixture.StartAsync(Model);
            var headers = host == null ? Array.Empty<string>() : new[] { host.Replace("PORT", studio.Url.Port.ToString()) };
            var answer = await RawHttp.SendAsync(studio.Url, "GET", "/api/explorer/state", headers);
            Assert.That(answer.Status, Is.EqualTo(403), answer.Body);
            Assert.That(answer.Body, Does.Contain("is not the studio's address"));
        }

        [TestCase("Origin: http://evil.example", "http://evil.example")]
        [TestCase("Origin: http://127.0.0.1:OTHER", "127.0.0.1:OTHER")]
        [TestCase("Origin: https://127.0.0.1:PORT", "https://127.0.0.1")]
        [TestCase("Origin: null", "null")]
        [TestCase("Sec-Fetch-Site: cross-site", "cross-site")]
        [TestCase("Sec-Fetch-Site: same-site", "same-site")]
        [TestCase("Referer: http://evil.example/page.html", "evil.example")]
        public async Task AForeignPageCannotChangeState(string header, string named)
        {
            await using var studio = await StudioFixture.StartAsync(Model);
            string Fill(string s) => s.Replace("OTHER", (studio.Url.Port + 1).ToString()).Replace("PORT", studio.Url.Port.ToString());
            var before = await Version(studio);
            foreach (var path in new[] { "/api/explorer/seed?seed=5", "/api/explorer/recentre?cell=3", "/api/explorer/bookmark?name=x", "/api/explorer/export", "/api/explorer/walk/step" })
            {
                var answer = await RawHttp.SendAsync(studio.Url, "POST", path, "Host: " + Own(studio), Fill(header));
                Assert.That(answer.Status, Is.EqualTo(403), path);
                Assert.That(answer.Body, Does.Contain("refused").And.Contain(Fill(named)).And.Contain("only the studio's own pages"), path);
            }
            Assert.That(await Version(studio), Is.EqualTo(before), "the grid did not move");
            Assert.That(File.Exists(ExplorerSession.PathFor(studio.ModelPath)), Is.False, "no bookmark saved");
            Assert.That(Directory.Exists(studio.ModelPath + ".exports"), Is.False, "nothing exported");
        }

        [Test]
        public async Task AForeignPageCannotOpenTheRunsModel()
        {
            var dir = TestPaths.NewTempDir();
            var run = RunFolder.Create(dir);
            await using var studio = await StudioFixture.StartOnAsync(dir, null, run);
            var before = studio.Server.Explorer.Version;
            var answer = await RawHttp.SendAsync(studio.Url, "POST", "/api/run/open-model", "Host: " + Own(studio), "Origin: http://evil.example");
            Assert.That(answer.Status, Is.EqualTo(403));
            Assert.That(studio.Server.Explorer.Version, Is.EqualTo(before), "the model was not reopened");
        }

        [TestCase("Origin: http://127.0.0.1:PORT")]
        [TestCase("Sec-Fetch-Site: same-origin")]
        [TestCase("Referer: http://127.0.0.1:PORT/explorer")]
        [TestCase(null)]   // curl, a script: no page is involved
        public async Task TheStudiosOwnPagesAndProgramsAreServed(string header)
        {
            await using var studio = await StudioFixture.StartAsync(Model);
            var headers = header == null ? new[] { "Host: " + Own(studio) } : new[] { "Host: " + Own(studio), header.Replace("PORT", studio.Url.Port.ToString()) };
            var before = await Version(studio);
            var answer = await RawHttp.SendAsync(studio.Url, "POST", "/api/explorer/seed?seed=5", headers);
            Assert.That(answer.Status, Is.EqualTo(200), answer.Body);
            Assert.That(await Version(studio), Is.EqualTo(before + 1));
        }

        [Test]
        public async Task LocalhostIsTheStudiosNameToo()
        {
            await using var studio = await StudioFixture.StartAsync(Model);
            var port = studio.Url.Port;
            var answer = await RawHttp.SendAsync(studio.Url, "POST", "/api/explorer/seed?seed=9", $"Host: LocalHost:{port}", $"Origin: http://localhost:{port}");
            Assert.That(answer.Status, Is.EqualTo(200), answer.Body);
        }

        [TestCase("/static/../../../etc/passwd")]
        [TestCase("/static/..%2f..%2fetc%2fpasswd")]
        [TestCase("/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd")]
        [TestCase("/static/..%5c..%5cwindows%5cwin.ini")]
        [TestCase("/static/....//....//etc/passwd")]
        [TestCase("/static/%252e%252e%252fetc%252fpasswd")]
        [TestCase("/static//etc/passwd")]
        [TestCase("/static/explorer.js%00.png")]
        [TestCase("/api/run/sample.png/../../../etc/passwd")]
        public async Task PathTraversalFindsNothing(string path)
        {
            await using var studio = await StudioFixture.StartAsync(Model);
            var answer = await RawHttp.SendAsync(studio.Url, "GET", path, "Host: " + Own(studio));
            Assert.That(answer.Status, Is.EqualTo(404).Or.EqualTo(400), answer.Headers);
            Assert.That(answer.Body, Does.Not.Contain("root:").And.Not.Contain("[fonts]"));
        }

        [Test]
        public async Task PagesCannotBeFramedOrEmbeddedByOtherSites()
        {
            await using var studio = await StudioFixture.StartAsync(Model);
            var answer = await RawHttp.SendAsync(studio.Url, "GET", "/explorer", "Host: " + Own(studio));
            Assert.That(answer.Status, Is.EqualTo(200));
            var headers = answer.Headers.Split("\r\n").Select(h => h.ToLowerInvariant()).ToArray();
            Assert.That(headers, Does.Contain("x-frame-options: deny"));
            Assert.That(headers, Does.Contain("content-security-policy: frame-ancestors 'none'"));
            Assert.That(headers, Does.Contain("cross-origin-resource-policy: same-origin"));
        }
    }
}
