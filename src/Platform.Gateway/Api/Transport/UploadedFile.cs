namespace Platform.Gateway.Api.Transport;

/// <summary>A file of a multipart GraphQL request, spooled to a temporary file for the length of the request.</summary>
public sealed record UploadedFile(string Path, string FileName, string? ContentType, long Length)
{
    public Stream OpenRead() => new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
}
