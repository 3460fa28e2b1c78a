namespace Platform.Domain.Tenants;

/// <summary>Limits on tenant settings, checked before anything is stored.</summary>
public static class TenantSettingsRules
{
    public const int DefaultRequestsPerSecond = 200;
    public const int MinRequestsPerSecond = 1;
    public const int MaxRequestsPerSecond = 100_000;

    public static string? ExplainEventHorizonDays(int value) =>
        value is < 1 or > 3650 ? "must be between 1 and 3650 days" : null;

    public static string? ExplainAffinityHalfLifeDays(double value) =>
        !double.IsFinite(value) || value < 0.5 || value > 365 ? "must be between 0.5 and 365 days" : null;

    public static string? ExplainRequestsPerSecond(int value) =>
        value is < MinRequestsPerSecond or > MaxRequestsPerSecond
            ? $"must be between {MinRequestsPerSecond} and {MaxRequestsPerSecond}"
            : null;
}
