using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;
using Platform.Gateway.Api.Trackers;

namespace Platform.Gateway.Tests;

public sealed class TrackerBodyTests
{
    [Fact]
    public async Task AGzipBodyIsInflated()
    {
        var (body, failure) = await TrackerBody.ReadAsync(Request(Gzip("{\"batch\":[]}"), "gzip"), 1024);

        Assert.Equal(TrackerBody.Failure.None, failure);
        Assert.Equal("{\"batch\":[]}", Encoding.UTF8.GetString(body!));
    }

    [Fact]
    public async Task AGzipBombIsRefusedOnceItInflatesPastTheLimit()
    {
        var bomb = Gzip(new string('a', 20_000_000));

        var (body, failure) = await TrackerBody.ReadAsync(Request(bomb, "gzip"), 500 * 1024);

        Assert.True(bomb.Length < 500 * 1024);
        Assert.Equal((null, TrackerBody.Failure.TooLarge), (body, failure));
    }

    [Theory]
    [InlineData("gzip", TrackerBody.Failure.BadGzip)]
    [InlineData("br", TrackerBody.Failure.UnsupportedEncoding)]
    [InlineData("", TrackerBody.Failure.None)]
    [InlineData("identity", TrackerBody.Failure.None)]
    public async Task PlainBytesAreReadAsTheEncodingSays(string encoding, TrackerBody.Failure expected)
    {
        var (_, failure) = await TrackerBody.ReadAsync(Request(Encoding.UTF8.GetBytes("{}"), encoding), 1024);

        Assert.Equal(expected, failure);
    }

    [Fact]
    public async Task ABodyOverTheLimitIsRefusedBeforeInflating()
    {
        var (_, failure) = await TrackerBody.ReadAsync(Request(new byte[2048], ""), 1024);

        Assert.Equal(TrackerBody.Failure.TooLarge, failure);
    }

    private static HttpRequest Request(byte[] body, string encoding)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(body);
        if (encoding.Length > 0)
        {
            context.Request.Headers.ContentEncoding = encoding;
        }

        return context.Request;
    }

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }
}
