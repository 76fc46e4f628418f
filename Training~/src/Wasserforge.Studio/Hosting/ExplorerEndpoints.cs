using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wasserforge.Studio.Explorer;

namespace Wasserforge.Studio.Hosting
{
    /// <summary>
    /// The explorer's HTTP API. Every action answers with the new <see cref="ExplorerSnapshot"/>; a
    /// request the state cannot honour (no model, too few anchors, bad value) answers 400 with
    /// <c>{"error": "..."}</c> in words the page shows as they are.
    /// </summary>
    static class ExplorerEndpoints
    {
        public static void Map(IEndpointRouteBuilder app, ExplorerHost host)
        {
            var api = app.MapGroup("/api/explorer");
            api.MapGet("/state", () => Results.Json(host.Snapshot()));
            api.MapPost("/recentre", (int cell) => Act(host, () => host.Change(s => s.RecentreOnCell(cell))));
            api.MapPost("/seed", (ulong seed) => Act(host, () => host.Change(s => s.RecentreOnSeed(seed))));
            api.MapPost("/anchor", (int cell) => Act(host, () => host.Change(s => s.AddAnchorFromCell(cell), movesGrid: false, movesAnchors: true)));
            api.MapPost("/anchors/clear", () => Act(host, () => host.Change(s => s.ClearAnchors(), movesGrid: false, movesAnchors: true)));
            api.MapPost("/select", (int cell) => Act(host, () => host.Change(s => s.ToggleSelection(cell), movesGrid: false)));
            api.MapPost("/undo", () => Act(host, () => host.Change(s => { if (s.CanUndo) s.Undo(); })));
            api.MapPost("/redo", () => Act(host, () => host.Change(s => { if (s.CanRedo) s.Redo(); })));
            api.MapPost("/settings", (float? spread, float? truncation, bool? slerp, int? steps) => Act(host, () => host.Change(s =>
            {
                if (spread is float sp) s.Spread = Check(sp, 0, 10, "spread");
                if (truncation is float psi) s.Truncation = Check(psi, 0, 2, "truncation ψ");
                if (slerp is bool sl) s.UseSlerp = sl;
                if (steps is int k) s.PathSteps = (int)Check(k, 2, 64, "interpolation steps");
            }, movesGrid: spread.HasValue || truncation.HasValue, movesAnchors: true)));
            api.MapPost("/walk/start", (ulong? seed) => Act(host, () => host.StartWalk(seed ?? (ulong)Environment.TickCount64)));
            api.MapPost("/walk/step", () => Act(host, host.StepWalk));
            api.MapPost("/bookmark", (string name) => Act(host, () => host.Bookmark(name)));
            api.MapPost("/bookmark/go", (string name) => Act(host, () => host.Change(s => s.GoToBookmark(name))));
            api.MapPost("/export", () => Guard(() => Results.Json(host.Export())));
            api.MapGet("/cell/{version:int}/{cell:int}.png", async (int version, int cell, CancellationToken ct) =>
            {
                var png = await host.CellPngAsync(version, cell, ct);
                return png == null ? Results.StatusCode(StatusCodes.Status410Gone) : Results.Bytes(png, "image/png");
            });
            api.MapGet("/grid/{version:int}.rgba", async (int version, CancellationToken ct) =>
            {
                var rgba = await host.GridRgbaAsync(version, ct);
                return rgba == null ? Results.StatusCode(StatusCodes.Status410Gone) : Results.Bytes(rgba, "application/octet-stream");
            });
            api.MapGet("/path.png", (float t) => GuardAsync(async () => Results.Bytes(await host.PathPngAsync(t), "image/png")));
            api.MapGet("/path.rgba", () => GuardAsync(async () => Results.Bytes(await host.PathStripRgbaAsync(), "application/octet-stream")));
            api.MapGet("/blend.rgba", (int? size) => GuardAsync(async () => Results.Bytes(await host.BlendRgbaAsync(size ?? 5), "application/octet-stream")));
            api.MapGet("/anchor/{index:int}.png", (int index) => GuardAsync(async () => Results.Bytes(await host.AnchorPngAsync(index), "image/png")));
        }

        static float Check(float value, float min, float max, string what)
        {
            if (!(value >= min && value <= max)) throw new ArgumentOutOfRangeException(what, $"{what} {value} must be between {min} and {max}.");
            return value;
        }

        static IResult Act(ExplorerHost host, Action action) => Guard(() => { action(); return Results.Json(host.Snapshot()); });

        static IResult Guard(Func<IResult> action)
        {
            try { return action(); }
            catch (Exception e) when (IsUserFacing(e)) { return Results.Json(new Dictionary<string, string> { ["error"] = Message(e) }, statusCode: 400); }
        }

        static async Task<IResult> GuardAsync(Func<Task<IResult>> action)
        {
            try { return await action(); }
            catch (Exception e) when (IsUserFacing(e)) { return Results.Json(new Dictionary<string, string> { ["error"] = Message(e) }, statusCode: 400); }
        }

        static bool IsUserFacing(Exception e) =>
            e is ArgumentException || e is InvalidOperationException || e is KeyNotFoundException || e is FormatException ||
            e is System.IO.IOException || e is UnauthorizedAccessException || e is WasserforgeException;

        // ArgumentOutOfRangeException appends "(Parameter 'x')"; the page wants the sentence only.
        static string Message(Exception e) => e is ArgumentException a && a.ParamName != null ? a.Message.Replace($" (Parameter '{a.ParamName}')", "") : e.Message;
    }
}
