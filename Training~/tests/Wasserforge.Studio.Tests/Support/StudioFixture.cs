using System;
using System.IO;
using System.Threading.Tasks;
using Wasserforge.Studio.Hosting;
using Wasserforge.Tests;

namespace Wasserforge.Studio.Tests.Support
{
    /// <summary>A studio on a free 127.0.0.1 port over a copy of a fixture model in a fresh temp folder.</summary>
    public sealed class StudioFixture : IAsyncDisposable
    {
        public string Dir { get; }
        public string ModelPath { get; }
        public StudioServer Server { get; private set; }
        public Uri Url => Server.Url;

        StudioFixture(string dir, string modelPath) { Dir = dir; ModelPath = modelPath; }

        /// <summary>Copies <paramref name="fixture"/> (from Tests/Fixtures) and serves it.</summary>
        public static async Task<StudioFixture> StartAsync(string fixture, int columns = 5, int rows = 5, string runDirectory = null)
        {
            var dir = TestPaths.NewTempDir();
            string model = null;
            if (fixture != null)
            {
                model = Path.Combine(dir, fixture);
                File.Copy(TestPaths.Fixture(fixture), model);
            }
            var f = new StudioFixture(dir, model);
            f.Server = await StudioServer.StartAsync(new StudioOptions { ModelPath = model, RunDirectory = runDirectory, Port = 0, Columns = columns, Rows = rows });
            return f;
        }

        /// <summary>Serves an existing model file or run folder (not copied).</summary>
        public static async Task<StudioFixture> StartOnAsync(string dir, string model, string runDirectory, int columns = 5, int rows = 5)
        {
            var f = new StudioFixture(dir, model);
            f.Server = await StudioServer.StartAsync(new StudioOptions { ModelPath = model, RunDirectory = runDirectory, Port = 0, Columns = columns, Rows = rows });
            return f;
        }

        public async ValueTask DisposeAsync()
        {
            if (Server != null) await Server.DisposeAsync();
            try { Directory.Delete(Dir, true); } catch (IOException) { }
        }
    }
}
