namespace Platform.Gateway.Api.Transport;

/// <summary>Reads a request body into memory, refusing (null) anything larger than the limit.</summary>
public static class BoundedBody
{
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
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
