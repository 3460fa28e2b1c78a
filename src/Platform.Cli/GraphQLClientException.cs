namespace Platform.Cli;

public sealed class GraphQLClientException(int statusCode, string? code, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string? Code { get; } = code;
}
