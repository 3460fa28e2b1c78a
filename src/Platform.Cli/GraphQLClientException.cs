namespace Platform.Cli;

public sealed class GraphQLClientException(int statusCode, string? code, string message, double? retryAfterSeconds = null) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string? Code { get; } = code;

    /// <summary>For <c>RATE_LIMITED</c>: how long to wait before trying again (<c>extensions.retryAfterSeconds</c>).</summary>
    public double? RetryAfterSeconds { get; } = retryAfterSeconds;
}
