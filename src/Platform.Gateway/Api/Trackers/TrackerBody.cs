using System.IO.Compression;
using Platform.Gateway.Api.Transport;

namespace Platform.Gateway.Api.Trackers;

/// <summary>
/// A tracker request's body, gunzipped when it says Content-Encoding: gzip. The limit holds for the bytes sent and for
/// the bytes they inflate to, so a small gzip bomb is refused after at most the limit has been inflated.
/// </summary>
public static class TrackerBody
{
    public enum Failure { None, TooLarge, UnsupportedEncoding, BadGzip }

    public static async Task<(byte[]? Body, Failure Failure)> ReadAsync(HttpRequest request, int limit)
    {
        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        var raw = await BoundedBody.ReadAsync(request, limit);
        if (raw is null)
        {
            return (null, Failure.TooLarge);
        }

        if (encoding.Length == 0 || encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return (raw, Failure.None);
        }

        if (!encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Failure.UnsupportedEncoding);
        }

        try
        {
            await using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            var inflated = await BoundedBody.ReadAsync(gzip, limit, request.HttpContext.RequestAborted);
            return inflated is null ? (null, Failure.TooLarge) : (inflated, Failure.None);
        }
        catch (InvalidDataException)
        {
            return (null, Failure.BadGzip);
        }
    }
}
