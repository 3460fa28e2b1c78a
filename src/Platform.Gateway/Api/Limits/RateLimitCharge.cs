using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Auth;

namespace Platform.Gateway.Api.Limits;

/// <summary>
/// Charges an operation that passed the complexity limit to its tenant's rate limit by what it costs
/// (<see cref="RequestAdmission.ChargeAsync"/>), so 40 aliased aggregates take 20 tokens, not one.
/// Runs for cached documents too, as the complexity rule does.
/// </summary>
public static class RateLimitCharge
{
    public const string RetryAfterKey = "retryAfterSeconds";

    public static async Task ChargeAsync(ComplexityValidationContext context)
    {
        var validation = context.ValidationContext;
        // Only the schema tests run without admission (they have no tenants).
        if (context.Error is not null || validation.RequestServices?.GetService(typeof(RequestAdmission)) is not RequestAdmission admission)
        {
            return;
        }

        if (await admission.ChargeAsync(validation.UserContext.GetCaller(), context.TotalImpact) is { } denial)
        {
            context.Error = new ValidationError(validation.Document.Source, null, denial.Message, validation.Operation)
            {
                Code = denial.Code,
                Extensions = denial.RetryAfter is null ? null : new Dictionary<string, object?> { [RetryAfterKey] = RetryAfterSeconds(denial.RetryAfter) },
            };
        }
    }

    /// <summary>Whole seconds, at least 1: the HTTP Retry-After value.</summary>
    public static int RetryAfterSeconds(TimeSpan? retryAfter) => Math.Max(1, (int)Math.Ceiling((retryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds));
}
