using System.Collections.Generic;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wasserforge.Studio.Explorer;
using Wasserforge.Studio.Monitor;

namespace Wasserforge.Studio.Hosting
{
    /// <summary>The training monitor's HTTP API (only with <c>--run</c>).</summary>
    static class MonitorEndpoints
    {
        public static void Map(IEndpointRouteBuilder app, RunMonitor monitor, ExplorerHost explorer)
        {
            var api = app.MapGroup("/api/run");
            api.MapGet("/", () => monitor == null ? NoRun() : Results.Json(monitor.Snapshot()));
            api.MapGet("/sample.png", () =>
            {
                if (monitor == null) return NoRun();
                var path = monitor.NewestSamplePath();
                return path == null ? Results.NotFound() : Results.Bytes(System.IO.File.ReadAllBytes(path), "image/png");
            });
            api.MapPost("/open-model", () =>
            {
                if (monitor == null) return NoRun();
                var path = monitor.NewestModelPath();
                if (path == null) return Error("this run has not exported a model yet (results/<ID>/*.onnx).");
                explorer.Open(path);
                return Results.Json(explorer.Snapshot());
            });
        }

        static IResult NoRun() => Error("no training run: start with wasserforge studio --run results/<ID>.");

        static IResult Error(string message) => Results.Json(new Dictionary<string, string> { ["error"] = message }, statusCode: 400);
    }
}
