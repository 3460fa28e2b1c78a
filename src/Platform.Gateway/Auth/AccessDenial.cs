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

    public static AccessDenial TrackerKeyOnGraphQL { get; } = new(
        StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "A TRACKER key only sends events to the tracker source (/tracker/v1/...); use another key for GraphQL.");

    public static AccessDenial NotATrackerKey { get; } = new(
        StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "The tracker source takes TRACKER keys only (createApiKey with role TRACKER).");

    /// <summary>The key could not be checked: the database cannot be reached (down, restarting). Retry shortly.</summary>
    public static AccessDenial DatabaseUnavailable { get; } = new(
        StatusCodes.Status503ServiceUnavailable, ErrorCodes.Unavailable, "The platform's database cannot be reached at the moment; try again shortly.", TimeSpan.FromSeconds(1));

    /// <summary>The tenant's bucket is empty; <paramref name="cost"/> is given when the operation's cost took the tokens left.</summary>
    public static AccessDenial RateLimited(string tenantId, int requestsPerSecond, TimeSpan retryAfter, double? cost = null) => new(
        StatusCodes.Status429TooManyRequests,
        ErrorCodes.RateLimited,
        cost is null
            ? $"Tenant '{tenantId}' exceeded its limit of {requestsPerSecond} requests per second."
            : $"Tenant '{tenantId}' has too few of its {requestsPerSecond} requests per second left for this operation (cost {cost:0}: one request per started 100).",
        retryAfter);
}
