namespace Platform.Gateway.Auth;

/// <summary>Why a request was refused before any GraphQL ran: an HTTP status and a stable error code.</summary>
public sealed record AccessDenial(int StatusCode, string Code, string Message, TimeSpan? RetryAfter = null)
{
    public static AccessDenial MissingKey { get; } = new(
        StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", "An API key is required: send it in the X-Api-Key header.");

    public static AccessDenial UnknownKey { get; } = new(
        StatusCodes.Status401Unauthorized, "INVALID_API_KEY", "The API key is not valid.");

    public static AccessDenial RevokedKey { get; } = new(
        StatusCodes.Status401Unauthorized, "API_KEY_REVOKED", "The API key has been revoked.");

    public static AccessDenial RateLimited(string tenantId, int requestsPerSecond, TimeSpan retryAfter) => new(
        StatusCodes.Status429TooManyRequests,
        "RATE_LIMITED",
        $"Tenant '{tenantId}' exceeded its limit of {requestsPerSecond} requests per second.",
        retryAfter);
}
