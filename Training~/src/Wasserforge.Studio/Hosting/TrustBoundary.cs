using System;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace Wasserforge.Studio.Hosting
{
    /// <summary>
    /// Who may talk to the studio: only this machine (loopback), only by the studio's own address, and,
    /// for anything that changes state (every method but GET and HEAD), only the studio's own pages.
    /// <list type="bullet">
    /// <item>The connection must come from a loopback address.</item>
    /// <item>The <c>Host</c> header must be <c>127.0.0.1:PORT</c> or <c>localhost:PORT</c> with the port the studio
    /// listens on. A page served from another name that resolves to 127.0.0.1 (DNS rebinding) sends its own
    /// name and is refused, reads included.</item>
    /// <item>A state-changing request with an <c>Origin</c> must come from <c>http://127.0.0.1:PORT</c> or
    /// <c>http://localhost:PORT</c> (a browser always sends Origin on a cross-site POST, form or fetch; "null"
    /// is refused). Without Origin, <c>Sec-Fetch-Site</c> must be <c>same-origin</c> (or <c>none</c>: typed by
    /// the user), and without both a <c>Referer</c> must be one of the studio's pages. A request with none
    /// of the three comes from a program, not a web page (curl, scripts), and is served.</item>
    /// </list>
    /// Refusals answer 403 with <c>{"error": "..."}</c> saying what was refused and why.
    /// </summary>
    static class TrustBoundary
    {
        /// <summary>Why <paramref name="ctx"/> is refused, or null when it may be served.</summary>
        public static string Refusal(HttpContext ctx)
        {
            var remote = ctx.Connection.RemoteIpAddress;
            if (remote != null && !IPAddress.IsLoopback(remote)) return $"the studio answers this machine only, not {remote}.";
            var port = ctx.Connection.LocalPort;
            var own = $"http://127.0.0.1:{port}";
            var request = ctx.Request;
            if (!IsOwnHost(request.Host, port))
            {
                var host = request.Host.HasValue ? request.Host.Value : "(none)";
                return $"Host '{host}' is not the studio's address {own}: refused (a page on another site reaching the studio through DNS rebinding looks like this).";
            }
            if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) return null;

            var origin = request.Headers.Origin.ToString();
            if (origin.Length > 0)
                return IsOwnOrigin(origin, port) ? null : $"a {request.Method} from the page {origin} was refused: only the studio's own pages ({own}) may change its state.";
            var site = request.Headers["Sec-Fetch-Site"].ToString();
            if (site.Length > 0)
                return site == "same-origin" || site == "none" ? null : $"a {request.Method} from a {site} page was refused: only the studio's own pages ({own}) may change its state.";
            var referer = request.Headers.Referer.ToString();
            if (referer.Length > 0)
                return IsOwnOrigin(referer, port) ? null : $"a {request.Method} from the page {referer} was refused: only the studio's own pages ({own}) may change its state.";
            return null;
        }

        static bool IsOwnHost(HostString host, int port) =>
            host.HasValue && IsOwnName(host.Host) && (host.Port ?? 80) == port;

        static bool IsOwnOrigin(string url, int port) =>
            Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttp && IsOwnName(u.Host) && u.Port == port;

        static bool IsOwnName(string name) =>
            string.Equals(name, "127.0.0.1", StringComparison.Ordinal) || string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase);

        /// <summary>Headers on every answer: no caching, no framing by other pages, no embedding elsewhere.</summary>
        public static void Harden(HttpResponse response)
        {
            response.Headers.CacheControl = "no-store";
            response.Headers.XFrameOptions = "DENY";
            response.Headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers["Cross-Origin-Resource-Policy"] = "same-origin";
        }
    }
}
