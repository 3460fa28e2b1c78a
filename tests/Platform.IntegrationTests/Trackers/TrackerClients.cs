using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;

namespace Platform.IntegrationTests.Trackers;

/// <summary>Raw requests to the tracker source, as a tracking library makes them (HTTP Basic with the write key as user name).</summary>
public sealed class TrackerClients(Uri baseUri) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };

    public Uri SourceUri => new(baseUri, "/tracker");

    public Task<HttpResponseMessage> PostAsync(string? writeKey, string call, string json, bool gzip = false) =>
        PostAsync(writeKey, call, gzip ? Gzip(Encoding.UTF8.GetBytes(json)) : Encoding.UTF8.GetBytes(json), gzip);

    public async Task<HttpResponseMessage> PostAsync(string? writeKey, string call, byte[] body, bool gzip)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/tracker/v1/{call}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (gzip)
        {
            request.Content.Headers.ContentEncoding.Add("gzip");
        }

        if (writeKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
        }

        return await http.SendAsync(request);
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    public void Dispose() => http.Dispose();
}
