using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Threading.Tasks;
using NUnit.Framework;
using Wasserforge.Explorer;
using Wasserforge.Studio.Tests.Support;
using Wasserforge.Tests;

namespace Wasserforge.Studio.Tests
{
    /// <summary>The explorer's HTTP API against the core, without a browser.</summary>
    public class ExplorerApiTests
    {
        const string Model = "generator_v1_rgb_4x4.onnx";

        static byte[] DecodeIndependently(byte[] png, out int w, out int h)
        {
            var path = Path.Combine(TestPaths.NewTempDir(), "cell.png");
            File.WriteAllBytes(path, png);
            var (pw, ph, rgba) = IndependentPng.Decode(path);
            Directory.Delete(Path.GetDirectoryName(path), true);
            w = pw; h = ph;
            return rgba;
        }

        [Test]
        public async Task ListensOnLoopbackOnly()
        {
            await using var studio = await StudioFixture.StartAsync(Model);
            Assert.That(studio.Url.Host, Is.EqualTo("127.0.0.1"));
            var other = NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(a => a.Address)
                .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
            if (other == null) Assert.Pass("no non-loopback IPv4 address on this machine to try");
            using var client = new TcpClient();
            Assert.That(() => client.Connect(other, studio.Url.Port), Throws.InstanceOf<SocketException>(), $"the studio must not answer on {other}");
        }

        [Test]
        public async Task ATakenPortIsNamed()
        {
            await using var studio = await StudioFixture.StartAsync(Model);
            var port = studio.Url.Port;
            var e = Assert.ThrowsAsync<IOException>(async () =>
                await Hosting.StudioServer.StartAsync(new Hosting.StudioOptions { ModelPath = studio.ModelPath, Port = port }));
            Assert.That(e.Message, Does.Contain($"127.0.0.1:{port}").And.Contain("--port"));
        }

        [Test]
        public void NothingToServeIsAUsageError()
        {
            Assert.That(async () => await Hosting.StudioServer.StartAsync(new Hosting.StudioOptions()),
                Throws.ArgumentException.With.Message.Contain("--run"));
            Assert.That(async () => await Hosting.StudioServer.StartAsync(new Hosting.StudioOptions { ModelPath = "x.onnx", Columns = 0 }),
                Throws.ArgumentException.With.Message.Contain("grid 0x5"));
        }

        [Test]
        public async Task CellImagesAreTheCoresGrid()
        {
            await using var studio = await StudioFixture.StartAsync(Model);
            using var http = new Http(studio.Url);
            var state = await http.GetJsonAsync("/api/explorer/state");
            Assert.That(state.GetProperty("columns").GetInt32(), Is.EqualTo(5));
            Assert.That(state.GetProperty("centreCell").GetInt32(), Is.EqualTo(12));
            var version = state.GetProperty("version").GetInt32();
            var expected = Expected.Grid(studio.ModelPath, new ExplorerState(8));
            for (var k = 0; k < 25; k++)
            {
                var (status, png) = await http.GetBytesAsync($"/api/explorer/cell/{version}/{k}.png");
                Assert.That(status, Is.EqualTo(200));
                var rgba = DecodeIndependently(png, out var w, out var h);
                Assert.That((w, h), Is.EqualTo((4, 4)));
                Assert.That(rgba, Is.EqualTo(expected.AsSpan(k * 64, 64).ToArray()), $"cell {k}");
            }
        }

        [Test]
        public async Task RawGridIsTheCoresGridAndGoesStale()
        {
            await using var studio = await StudioFixture.StartAsync(Model, 3, 2);
            using var http = new Http(studio.Url);
            var version = (await http.GetJsonAsync("/api/explorer/state")).GetProperty("version").GetInt32();
            var core = new ExplorerState(8);
            core.SetGrid(3, 2);
            var (status, rgba) = await http.GetBytesAsync($"/api/explorer/grid/{version}.rgba");
            Assert.That(status, Is.EqualTo(200));
            Assert.That(rgba, Is.EqualTo(Expected.Grid(studio.ModelPath, core)));
            await http.PostAsync("/api/explorer/seed?seed=5");
            Assert.That((await http.GetBytesAsync($"/api/explorer/grid/{version}.rgba")).status, Is.EqualTo(410));
        }

        [Test]
        public async Task RecentreMovesTheGridAndRetiresTheOldImages()
        {
            await using var studio = await StudioFixture.StartAsync(Model);
            using var http = new Http(studio.Url);
            var before = (await http.GetJsonAsync("/api/explorer/state")).GetProperty("version").GetInt32();
            var (_, cell3) = await http.GetBytesAsync($"/api/explorer/cell/{before}/3.png");
            var (status, state) = await http.PostAsync("/api/explorer/recentre?cell=3");
            Assert.That(status, Is.EqualTo(200));
            Assert.That(state.GetProperty("centreLabel").GetString(), Is.EqualTo("cell 3 of seed:1"));
            Assert.That(state.GetProperty("canUndo").GetBoolean(), Is.True);
            var after = state.GetProperty("version").GetInt32();
            Assert.That(after, Is.GreaterThan(before));
            Assert.That((await http.GetBytesAsync($"/api/explorer/cell/{before}/3.png")).status, Is.EqualTo(410), "a superseded grid is gone");
            var (_, centre) = await http.GetBytesAsync($"/api/explorer/cell/{after}/12.png");
            Assert.That(centre, Is.EqualTo(cell3), "the new centre shows the clicked sample");
            var (_, undone) = await http.PostAsync("/api/explorer/undo");
            Assert.That(undone.GetProperty("centreLabel").GetString(), Is.EqualTo("seed:1"));
        }

        [Test]
        public async Task BrokenModelIsReportedNotThrown()
        {
            await using var studio = await StudioFixture.StartAsync("broken_v1_output_name.onnx");
            using var http = new Http(studio.Url);
            var state = await http.GetJsonAsync("/api/explorer/state");
            var error = state.GetProperty("error").GetString();
            Assert.That(error, Does.Contain("broken_v1_output_name.onnx").And.Contain("rgb"));
            var (status, body) = await http.PostAsync("/api/explorer/recentre?cell=0");
            Assert.That(status, Is.EqualTo(400));
            Assert.That(body.GetProperty("error").GetString(), Does.Contain("broken_v1_output_name.onnx"));
        }

        [Test]
        public async Task BadRequestsAnswerWithAReason()
        {
            await using var studio = await StudioFixture.StartAsync(Model);
            using var http = new Http(studio.Url);
            var (status, body) = await http.PostAsync("/api/explorer/recentre?cell=99");
            Assert.That(status, Is.EqualTo(400));
            Assert.That(body.GetProperty("error").GetString(), Does.Contain("cell 99"));
            (status, body) = await http.PostAsync("/api/explorer/settings?spread=-1");
            Assert.That(status, Is.EqualTo(400));
            Assert.That(body.GetProperty("error").GetString(), Does.Contain("spread"));
            var (pathStatus, _) = await http.GetBytesAsync("/api/explorer/path.png?t=0.5");
            Assert.That(pathStatus, Is.EqualTo(400), "no anchors yet");
            var (blendStatus, blendBody) = await http.GetBytesAsync("/api/explorer/blend.rgba");
            Assert.That(blendStatus, Is.EqualTo(400));
            Assert.That(System.Text.Encoding.UTF8.GetString(blendBody), Does.Contain("four anchors"));
        }

        [Test]
        public async Task InterpolationEndsAreTheAnchors()
        {
            await using var studio = await StudioFixture.StartAsync(Model);
            using var http = new Http(studio.Url);
            await http.PostAsync("/api/explorer/anchor?cell=0");
            var (_, state) = await http.PostAsync("/api/explorer/anchor?cell=24");
            Assert.That(state.GetProperty("anchorCount").GetInt32(), Is.EqualTo(2));
            var (_, a0) = await http.GetBytesAsync("/api/explorer/anchor/0.png");
            var (_, a1) = await http.GetBytesAsync("/api/explorer/anchor/1.png");
            Assert.That((await http.GetBytesAsync("/api/explorer/path.png?t=0")).bytes, Is.EqualTo(a0));
            Assert.That((await http.GetBytesAsync("/api/explorer/path.png?t=1")).bytes, Is.EqualTo(a1));
            var core = new ExplorerState(8);
            core.AddAnchorFromCell(0); core.AddAnchorFromCell(24);
            var mid = DecodeIndependently((await http.GetBytesAsync("/api/explorer/path.png?t=0.5")).bytes, out _, out _);
            Assert.That(mid, Is.EqualTo(Expected.One(studio.ModelPath, core.PathPoint(0.5f))));
        }

        [Test]
        public async Task BookmarksPersistNextToTheModel()
        {
            string dir, model;
            string centre;
            await using (var studio = await StudioFixture.StartAsync(Model))
            {
                using var http = new Http(studio.Url);
                await http.PostAsync("/api/explorer/recentre?cell=7");
                var (status, state) = await http.PostAsync("/api/explorer/bookmark?name=mossy");
                Assert.That(status, Is.EqualTo(200));
                Assert.That(state.GetProperty("bookmarks").EnumerateArray().Select(b => b.GetString()), Is.EqualTo(new[] { "mossy" }));
                Assert.That(File.Exists(ExplorerSession.PathFor(studio.ModelPath)), Is.True);
                centre = state.GetProperty("centreLabel").GetString();
                // keep the folder for the restart below
                dir = TestPaths.NewTempDir();
                model = Path.Combine(dir, Model);
                File.Copy(studio.ModelPath, model);
                File.Copy(ExplorerSession.PathFor(studio.ModelPath), ExplorerSession.PathFor(model));
            }
            await using (var again = await StudioFixture.StartOnAsync(dir, model, null))
            {
                using var http = new Http(again.Url);
                var state = await http.GetJsonAsync("/api/explorer/state");
                Assert.That(state.GetProperty("centreLabel").GetString(), Is.EqualTo(centre));
                Assert.That(state.GetProperty("bookmarks")[0].GetString(), Is.EqualTo("mossy"));
                var (_, went) = await http.PostAsync("/api/explorer/bookmark/go?name=mossy");
                Assert.That(went.GetProperty("centreLabel").GetString(), Is.EqualTo("mossy"));
            }
        }

        [Test]
        public async Task ClosingTheStudioSavesTheSession()
        {
            var dir = TestPaths.NewTempDir();
            var model = Path.Combine(dir, Model);
            File.Copy(TestPaths.Fixture(Model), model);
            await using (var studio = await StudioFixture.StartOnAsync(TestPaths.NewTempDir(), model, null))
            {
                using var http = new Http(studio.Url);
                await http.PostAsync("/api/explorer/recentre?cell=11");
                await http.PostAsync("/api/explorer/anchor?cell=1");
                Assert.That(File.Exists(ExplorerSession.PathFor(model)), Is.False, "nothing saved yet");
            }
            var saved = ExplorerSession.Load(ExplorerSession.PathFor(model), 8);
            Assert.That(saved.CentreLabel, Is.EqualTo("cell 11 of seed:1"));
            Assert.That(saved.Anchors.Count, Is.EqualTo(1));
            Directory.Delete(dir, true);
        }

        [Test]
        public async Task ExportWritesTheSelectionInReadableFiles()
        {
            await using var studio = await StudioFixture.StartAsync(Model);
            using var http = new Http(studio.Url);
            await http.PostAsync("/api/explorer/select?cell=2");
            await http.PostAsync("/api/explorer/select?cell=20");
            await http.PostAsync("/api/explorer/anchor?cell=2");
            await http.PostAsync("/api/explorer/anchor?cell=20");
            await http.PostAsync("/api/explorer/settings?steps=6");
            var (status, result) = await http.PostAsync("/api/explorer/export");
            Assert.That(status, Is.EqualTo(200));
            var folder = result.GetProperty("folder").GetString();
            Assert.That(folder, Does.StartWith(studio.ModelPath + ".exports"));
            var grid = Expected.Grid(studio.ModelPath, new ExplorerState(8));
            var (w, h, first) = IndependentPng.Decode(Path.Combine(folder, "sample_000.png"));
            Assert.That((w, h), Is.EqualTo((4, 4)));
            Assert.That(first, Is.EqualTo(grid.AsSpan(2 * 64, 64).ToArray()));
            var (_, _, second) = IndependentPng.Decode(Path.Combine(folder, "sample_001.png"));
            Assert.That(second, Is.EqualTo(grid.AsSpan(20 * 64, 64).ToArray()));
            Assert.That(File.Exists(Path.Combine(folder, "sample_002.png")), Is.False, "only the selection");
            var (sw, sh, _) = IndependentPng.Decode(Path.Combine(folder, "sheet.png"));
            Assert.That((sw, sh), Is.EqualTo((8, 4)));
            var (iw, ih, _) = IndependentPng.Decode(Path.Combine(folder, "interpolation.png"));
            Assert.That((iw, ih), Is.EqualTo((24, 4)), "6 frames in a row");
            var list = ExplorerExporter.ReadLatentList(Path.Combine(folder, "latents.txt"), 8);
            Assert.That(list.Select(kv => kv.Key), Is.EqualTo(new[] { "cell2", "cell20" }));
            var core = new ExplorerState(8).GridLatents();
            Assert.That(list[1].Value, Is.EqualTo(core.AsSpan(20 * 8, 8).ToArray()));
        }

        [Test]
        public async Task WalkStepsMoveTheCentre()
        {
            await using var studio = await StudioFixture.StartAsync(Model);
            using var http = new Http(studio.Url);
            await http.PostAsync("/api/explorer/walk/start?seed=3");
            var (_, one) = await http.PostAsync("/api/explorer/walk/step");
            var (_, two) = await http.PostAsync("/api/explorer/walk/step");
            Assert.That(one.GetProperty("centreLabel").GetString(), Is.EqualTo("walk"));
            Assert.That(two.GetProperty("version").GetInt32(), Is.GreaterThan(one.GetProperty("version").GetInt32()));
            var a = (await http.GetBytesAsync($"/api/explorer/cell/{one.GetProperty("version").GetInt32()}/12.png"));
            var b = (await http.GetBytesAsync($"/api/explorer/cell/{two.GetProperty("version").GetInt32()}/12.png"));
            Assert.That(a.status, Is.EqualTo(410), "the first step's grid was superseded");
            Assert.That(b.status, Is.EqualTo(200));
        }
    }
}
