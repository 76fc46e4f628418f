using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wasserforge.Studio.Explorer;
using Wasserforge.Studio.Monitor;

namespace Wasserforge.Studio.Hosting
{
    /// <summary>
    /// The browser studio: serves the latent explorer (<c>/explorer</c>) and, with a run folder, the
    /// training monitor (<c>/monitor</c>) on 127.0.0.1 only; requests by another address or, for changes, from
    /// another site's page are refused (<see cref="TrustBoundary"/>). Start with <see cref="StartAsync"/>, stop by
    /// disposing.
    /// </summary>
    public sealed class StudioServer : IAsyncDisposable
    {
        readonly WebApplication _app;

        StudioServer(WebApplication app, ExplorerHost explorer, RunMonitor monitor)
        {
            _app = app;
            Explorer = explorer;
            Monitor = monitor;
        }

        /// <summary>The explorer behind the page.</summary>
        public ExplorerHost Explorer { get; }
        /// <summary>The run being monitored, or null.</summary>
        public RunMonitor Monitor { get; }
        /// <summary>The address the studio listens on, e.g. <c>http://127.0.0.1:5170</c>.</summary>
        public Uri Url { get; private set; }
        /// <summary>The page a browser should open first: the monitor with a run, the explorer otherwise.</summary>
        public Uri StartPage => new Uri(Url, Monitor != null ? "/monitor" : "/explorer");

        /// <summary>
        /// Loads the model (a broken one is reported on the page, not thrown), binds 127.0.0.1 and starts serving.
        /// </summary>
        /// <exception cref="ArgumentException">Neither a model nor a run folder was given, or a bad grid size.</exception>
        /// <exception cref="DirectoryNotFoundException">The run folder does not exist.</exception>
        /// <exception cref="IOException">The port is taken.</exception>
        public static async Task<StudioServer> StartAsync(StudioOptions options, CancellationToken ct = default)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (options.ModelPath == null && options.RunDirectory == null) throw new ArgumentException("give a model (.onnx) to explore or --run results/<ID> to monitor.");
            if (options.Columns < 1 || options.Rows < 1 || options.Columns > 16 || options.Rows > 16) throw new ArgumentException($"grid {options.Columns}x{options.Rows} must be 1x1 to 16x16.");
            if (options.Port < 0 || options.Port > 65535) throw new ArgumentException($"port {options.Port} must be 0 to 65535.");
            var monitor = options.RunDirectory != null ? new RunMonitor(options.RunDirectory) : null;
            var explorer = new ExplorerHost(options.Columns, options.Rows);
            var model = options.ModelPath ?? monitor?.NewestModelPath();
            if (model != null) explorer.Open(model);

            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "Wasserforge.Studio", ContentRootPath = AppContext.BaseDirectory });
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
            builder.Services.ConfigureHttpJsonOptions(j => j.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals);
            var app = builder.Build();
            app.Use(async (ctx, next) =>
            {
                // This machine, this address, and for changes this studio's own pages only (see TrustBoundary).
                TrustBoundary.Harden(ctx.Response);
                var refusal = TrustBoundary.Refusal(ctx);
                if (refusal != null)
                {
                    await Results.Json(new Dictionary<string, string> { ["error"] = "refused: " + refusal }, statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(ctx);
                    return;
                }
                await next();
            });
            var server = new StudioServer(app, explorer, monitor);
            PageEndpoints.Map(app, server);
            ExplorerEndpoints.Map(app, explorer);
            MonitorEndpoints.Map(app, monitor, explorer);
            try { await app.StartAsync(ct).ConfigureAwait(false); }
            catch (Exception e) when (e is IOException || e.InnerException is IOException)
            {
                explorer.Dispose();
                throw new IOException($"cannot listen on 127.0.0.1:{options.Port} ({e.Message}); pick another --port.", e);
            }
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().Addresses.First();
            server.Url = new Uri(address.Replace("[::1]", "127.0.0.1"));
            return server;
        }

        /// <summary>
        /// Waits until <paramref name="ct"/> is cancelled (Ctrl-C in the CLI) or the host is told to stop
        /// (SIGTERM, which ASP.NET Core's console lifetime handles).
        /// </summary>
        public async Task WaitAsync(CancellationToken ct)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (ct.Register(() => done.TrySetResult()))
            using (_app.Lifetime.ApplicationStopping.Register(() => done.TrySetResult()))
                await done.Task.ConfigureAwait(false);
        }

        /// <summary>Stops serving and frees the model.</summary>
        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            Explorer.Dispose();
        }
    }
}
