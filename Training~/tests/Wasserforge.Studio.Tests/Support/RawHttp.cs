using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace Wasserforge.Studio.Tests.Support
{
    /// <summary>
    /// Requests written byte for byte on a socket, as curl or a hostile page's browser would send them:
    /// any Host, Origin, Sec-Fetch-Site or Referer (HttpClient would fix the Host up for us).
    /// </summary>
    public static class RawHttp
    {
        /// <summary>The answer's status code, its header block and its body (as sent, chunked or not).</summary>
        public sealed record Answer(int Status, string Headers, string Body);

        /// <summary>
        /// Sends <paramref name="method"/> <paramref name="path"/> to the studio at <paramref name="studio"/>;
        /// <paramref name="headers"/> are sent as given ("Name: value"). Without a Host header the request is
        /// HTTP/1.0 (where Host is optional), otherwise HTTP/1.1.
        /// </summary>
        public static async Task<Answer> SendAsync(Uri studio, string method, string path, params string[] headers)
        {
            var hasHost = Array.Exists(headers, h => h.StartsWith("Host:", StringComparison.OrdinalIgnoreCase));
            var text = new StringBuilder($"{method} {path} HTTP/{(hasHost ? "1.1" : "1.0")}\r\n");
            foreach (var h in headers) text.Append(h).Append("\r\n");
            text.Append("Content-Length: 0\r\nConnection: close\r\n\r\n");
            using var client = new TcpClient();
            await client.ConnectAsync(studio.Host, studio.Port);
            using var stream = client.GetStream();
            var bytes = Encoding.ASCII.GetBytes(text.ToString());
            await stream.WriteAsync(bytes);
            using var all = new MemoryStream();
            await stream.CopyToAsync(all);
            var answer = Encoding.UTF8.GetString(all.ToArray());
            var split = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var head = split < 0 ? answer : answer.Substring(0, split);
            var status = int.Parse(head.Split(' ')[1]);
            return new Answer(status, head, split < 0 ? "" : answer.Substring(split + 4));
        }
    }
}
