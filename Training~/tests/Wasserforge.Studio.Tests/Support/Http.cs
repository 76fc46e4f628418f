using System;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace Wasserforge.Studio.Tests.Support
{
    /// <summary>Talks to the studio's API as the page does.</summary>
    public sealed class Http : IDisposable
    {
        readonly HttpClient _client;

        public Http(Uri baseUrl) { _client = new HttpClient { BaseAddress = baseUrl }; }

        public async Task<(int status, JsonElement body)> PostAsync(string path)
        {
            using var r = await _client.PostAsync(path, null);
            return ((int)r.StatusCode, JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone());
        }

        public async Task<JsonElement> GetJsonAsync(string path) =>
            JsonDocument.Parse(await _client.GetStringAsync(path)).RootElement.Clone();

        public async Task<(int status, byte[] bytes)> GetBytesAsync(string path)
        {
            using var r = await _client.GetAsync(path);
            return ((int)r.StatusCode, await r.Content.ReadAsByteArrayAsync());
        }

        public void Dispose() => _client.Dispose();
    }
}
