namespace Platform.Domain.Errors;

/// <summary>
/// Every <c>extensions.code</c> the API answers with, in one list; docs/api.md#errors gives each its HTTP
/// status and meaning. A code is a stable contract: clients branch on it, never on the message.
/// </summary>
public static class ErrorCodes
{
    // The request was refused before any GraphQL ran (HTTP status of its own).
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string InvalidApiKey = "INVALID_API_KEY";
    public const string ApiKeyRevoked = "API_KEY_REVOKED";
    public const string RateLimited = "RATE_LIMITED";
    public const string Unavailable = "UNAVAILABLE";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string NotAcceptable = "NOT_ACCEPTABLE";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";
    public const string InvalidJson = "INVALID_JSON";
    public const string InvalidRequest = "INVALID_REQUEST";

    // The document was refused by validation (or, for its size, just before); nothing ran.
    public const string DocumentTooLarge = "DOCUMENT_TOO_LARGE";
    public const string Forbidden = "FORBIDDEN";
    public const string QueryTooDeep = "QUERY_TOO_DEEP";
    public const string Complexity = "COMPLEXITY";
    public const string SubscriptionRequiresWebSocket = "SUBSCRIPTION_REQUIRES_WEBSOCKET";

    // A resolver refused: the response has data (null for the field) and HTTP 200.
    public const string InvalidArgument = "INVALID_ARGUMENT";
    public const string NotFound = "NOT_FOUND";
    public const string AlreadyExists = "ALREADY_EXISTS";
    public const string Conflict = "CONFLICT";
    public const string IllegalTransition = "ILLEGAL_TRANSITION";
    public const string LockedWhileLive = "LOCKED_WHILE_LIVE";
    public const string LastAdminKey = "LAST_ADMIN_KEY";
    public const string LimitReached = "LIMIT_REACHED";
    public const string CorruptModel = "CORRUPT_MODEL";
    public const string Internal = "INTERNAL_SERVER_ERROR";

    // WebSocket operations only.
    public const string TooManyOperations = "TOO_MANY_OPERATIONS";
    public const string SubscriptionFailed = "SUBSCRIPTION_FAILED";
}
