namespace Platform.Abstractions.Tenants;

/// <summary>Per-tenant settings.</summary>
[GenerateSerializer, Immutable]
public sealed record TenantSettings(
    [property: Id(0)] int RequestsPerSecond,
    [property: Id(1)] int EventHorizonDays,
    [property: Id(2)] double AffinityHalfLifeDays,
    [property: Id(3)] double MarginRate = TenantSettings.DefaultMarginRate,
    [property: Id(4)] int PrePeriodDays = Domain.Measurement.PrePeriod.DefaultDays)
{
    /// <summary>The share of revenue a sale leaves after the cost of goods, when the merchant has not said.</summary>
    public const double DefaultMarginRate = 0.3;

    public static TenantSettings Default { get; } = new(200, 730, 14);
}
