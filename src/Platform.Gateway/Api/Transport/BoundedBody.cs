namespace Platform.Gateway.Api.Transport;

/// <summary>Reads a request body (or any stream: a multipart part, an inflating gzip stream) into memory, refusing (null) anything larger than the limit.</summary>
public static class BoundedBody
{
    public static Task<byte[]?> ReadAsync(HttpRequest request, long limit) =>
        request.ContentLength > limit ? Task.FromResult<byte[]?>(null) : ReadAsync(request.Body, limit, request.HttpContext.RequestAborted);

    public static async Task<byte[]?> ReadAsync(Stream stream, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
