using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Wasserforge.Studio.Hosting
{
    /// <summary>The pages and their static files.</summary>
    static class PageEndpoints
    {
        public static void Map(IEndpointRouteBuilder app, StudioServer server)
        {
            app.MapGet("/", () => Results.Redirect(server.Monitor != null ? "/monitor" : "/explorer"));
            app.MapGet("/explorer", () => File("explorer.html"));
            app.MapGet("/monitor", () => server.Monitor != null ? File("monitor.html") : Results.NotFound("no training run: start with wasserforge studio --run results/<ID>"));
            app.MapGet("/static/{name}", (string name) => File(name));
        }

        static IResult File(string name)
        {
            var bytes = StaticAssets.Get(name);
            return bytes == null ? Results.NotFound() : Results.Bytes(bytes, StaticAssets.ContentType(name));
        }
    }
}
