namespace Platform.Abstractions.Tenants;

/// <summary>Per-tenant settings.</summary>
[GenerateSerializer, Immutable]
public sealed record TenantSettings(
    [property: Id(0)] int RequestsPerSecond,
    [property: Id(1)] int EventHorizonDays,
    [property: Id(2)] double AffinityHalfLifeDays)
{
    public static TenantSettings Default { get; } = new(200, 730, 14);
}
