using Platform.Domain.Errors;

namespace Platform.Domain.Tenants;

/// <summary>Limits on tenant settings, checked before anything is stored.</summary>
public static class TenantSettingsRules
{
    public const int DefaultRequestsPerSecond = 200;
    public const int MinRequestsPerSecond = 1;
    public const int MaxRequestsPerSecond = 100_000;

    /// <summary>
    /// Fifty years: public logs span decades (MovieLens 1996–2018), yet a zero UNIX time (1970-01-01, a missing value
    /// written as a number) stays refused even at the longest horizon.
    /// </summary>
    public const int MaxEventHorizonDays = 18_250;

    public static Violation? CheckEventHorizonDays(string field, int value) =>
        value is < 1 or > MaxEventHorizonDays ? OutOfRange(field, $"between 1 and {MaxEventHorizonDays} days") : null;

    public static Violation? CheckAffinityHalfLifeDays(string field, double value) =>
        !double.IsFinite(value) || value < 0.5 || value > 365 ? OutOfRange(field, "between 0.5 and 365 days") : null;

    public static Violation? CheckMarginRate(string field, double value) =>
        !double.IsFinite(value) || value <= 0 || value > 1 ? OutOfRange(field, "above 0 and at most 1") : null;

    public static Violation? CheckPrePeriodDays(string field, int value) =>
        value is < 1 or > Measurement.PrePeriod.MaxDays ? OutOfRange(field, $"between 1 and {Measurement.PrePeriod.MaxDays} days") : null;

    public static Violation? CheckRequestsPerSecond(string field, int value) =>
        value is < MinRequestsPerSecond or > MaxRequestsPerSecond ? OutOfRange(field, $"between {MinRequestsPerSecond} and {MaxRequestsPerSecond}") : null;

    public static Violation? CheckFeedPartitions(string field, int value) =>
        value is < 1 or > Events.FeedLayout.MaxPartitions ? OutOfRange(field, $"between 1 and {Events.FeedLayout.MaxPartitions}") : null;

    private static Violation OutOfRange(string field, string range) => new(field, "out_of_range", $"{field} must be {range}.");
}
