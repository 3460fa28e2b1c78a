using GraphQL;
using Platform.Domain;
using Platform.Domain.Errors;

namespace Platform.Gateway.Api.Execution;

/// <summary>
/// The one way a resolver refuses. <c>extensions.code</c> is from <see cref="ErrorCodes"/>; an invalid input also
/// carries <c>field</c> and <c>rule</c> (a stable machine code) of its first broken rule and <c>violations</c>,
/// every broken rule as <c>{field, rule, message}</c>. The error's message is the sentence for people.
/// </summary>
public sealed class ApiError : ExecutionError
{
    private ApiError(string code, string message, Dictionary<string, object?>? extensions = null)
        : base(message)
    {
        Code = code;
        Extensions = extensions;
    }

    /// <summary>One or more broken input rules (INVALID_ARGUMENT); <paramref name="violations"/> must not be empty.</summary>
    public static ApiError Invalid(IReadOnlyList<Violation> violations)
    {
        var first = violations[0];
        var message = violations.Count == 1 ? first.Message : $"{first.Message} ({violations.Count - 1} more in extensions.violations)";
        return new ApiError(ErrorCodes.InvalidArgument, message, new Dictionary<string, object?>
        {
            ["field"] = first.Field,
            ["rule"] = first.Rule,
            ["violations"] = violations.Select(v => new Dictionary<string, object?> { ["field"] = v.Field, ["rule"] = v.Rule, ["message"] = v.Message }).ToList(),
        });
    }

    public static ApiError Invalid(string field, string rule, string message) => Invalid([new Violation(field, rule, message)]);

    /// <summary>Throws INVALID_ARGUMENT when any rule is broken.</summary>
    public static void ThrowIfAny(IReadOnlyList<Violation> violations)
    {
        if (violations.Count > 0)
        {
            throw Invalid(violations);
        }
    }

    /// <summary>An id argument, checked with the rule every id follows (<see cref="Identifiers"/>), or INVALID_ARGUMENT.</summary>
    public static string RequireId(string field, string? id) =>
        Identifiers.Check(field, id) is { } broken ? throw Invalid([broken]) : id!;

    /// <summary>An id the platform made (an import, a run, a key, a webhook): a UUID that <paramref name="returnedBy"/> returned, or INVALID_ARGUMENT.</summary>
    public static Guid RequireUuid(string field, string id, string returnedBy) =>
        Guid.TryParse(id, out var uuid) ? uuid : throw Invalid(field, "format", $"{field} must be an id returned by {returnedBy}, not '{Shorten(id)}'.");

    /// <summary>
    /// Nothing with this id exists in the caller's tenant. Ids of other tenants get the same answer, so a guessed
    /// id reveals nothing.
    /// </summary>
    public static ApiError NotFound(string what, string id) =>
        new(ErrorCodes.NotFound, $"No {what} with id '{Shorten(id)}' exists in this tenant.");

    /// <summary>A refusal other than invalid input (ALREADY_EXISTS, CONFLICT, LIMIT_REACHED, ...): a code and a sentence.</summary>
    public static ApiError Refused(string code, string message) => new(code, message);

    /// <summary>RATE_LIMITED from a resolver, with <c>retryAfterSeconds</c> (also sent as the HTTP Retry-After header).</summary>
    public static ApiError RateLimited(string message, TimeSpan retryAfter) => new(ErrorCodes.RateLimited, message, new Dictionary<string, object?>
    {
        [Limits.RateLimitCharge.RetryAfterKey] = Limits.RateLimitCharge.RetryAfterSeconds(retryAfter),
    });

    private static string Shorten(string id) => FreeText.Shorten(id, 64);
}
