namespace Platform.Domain.Tenants;

/// <summary>Limits on tenant settings, checked before anything is stored.</summary>
public static class TenantSettingsRules
{
    public const int DefaultRequestsPerSecond = 200;
    public const int MinRequestsPerSecond = 1;
    public const int MaxRequestsPerSecond = 100_000;

    public static string? ExplainRequestsPerSecond(int value) =>
        value is < MinRequestsPerSecond or > MaxRequestsPerSecond
            ? $"must be between {MinRequestsPerSecond} and {MaxRequestsPerSecond}"
            : null;
}
