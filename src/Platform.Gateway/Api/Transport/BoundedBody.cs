using System.Buffers;

namespace Platform.Gateway.Api.Transport;

/// <summary>Reads a request body (or any stream: a multipart part, an inflating gzip stream) into memory, refusing (null) anything larger than the limit.</summary>
public static class BoundedBody
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>Up to this stated length a body is read straight into an array of its size; a larger one grows as its bytes arrive (a stated length costs nothing until sent).</summary>
    private const int PresizedBytes = 64 * 1024;

    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        if (request.ContentLength is not { } length || length > PresizedBytes)
        {
            return await ReadAsync(request.Body, limit, request.HttpContext.RequestAborted);
        }

        // The server ends the request if fewer bytes come than stated, and ends the body at the stated length.
        var body = new byte[length];
        await request.Body.ReadExactlyAsync(body, request.HttpContext.RequestAborted);
        return body;
    }

    public static async Task<byte[]?> ReadAsync(Stream stream, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk.AsMemory(0, ChunkBytes), cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }
}
