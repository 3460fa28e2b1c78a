using Platform.Domain.Errors;
namespace Platform.Gateway.Auth;

/// <summary>Why a request was refused before any GraphQL ran: an HTTP status and a stable error code.</summary>
public sealed record AccessDenial(int StatusCode, string Code, string Message, TimeSpan? RetryAfter = null)
{
    public static AccessDenial MissingKey { get; } = new(
        StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, "An API key is required: send it in the X-Api-Key header.");

    public static AccessDenial UnknownKey { get; } = new(
        StatusCodes.Status401Unauthorized, ErrorCodes.InvalidApiKey, "The API key is not valid.");

    public static AccessDenial RevokedKey { get; } = new(
        StatusCodes.Status401Unauthorized, ErrorCodes.ApiKeyRevoked, "The API key has been revoked.");

    public static AccessDenial RateLimited(string tenantId, int requestsPerSecond, TimeSpan retryAfter) => new(
        StatusCodes.Status429TooManyRequests,
        ErrorCodes.RateLimited,
        $"Tenant '{tenantId}' exceeded its limit of {requestsPerSecond} requests per second.",
        retryAfter);
}
