using Platform.Abstractions.Tenants;
using Platform.Domain.Users;

namespace Platform.Grains.Tenants;

/// <summary>
/// Persisted as JSON without type names (see StableJsonGrainStorageSerializer): renaming this class
/// is safe; renaming a property is a data migration.
/// </summary>
public sealed class TenantState
{
    public string? Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int RequestsPerSecond { get; set; } = TenantSettings.Default.RequestsPerSecond;

    // Initialised so state stored before these settings existed reads with the defaults.
    public int EventHorizonDays { get; set; } = TenantSettings.Default.EventHorizonDays;

    public double AffinityHalfLifeDays { get; set; } = TenantSettings.Default.AffinityHalfLifeDays;

    public double MarginRate { get; set; } = TenantSettings.DefaultMarginRate;

    public int PrePeriodDays { get; set; } = TenantSettings.Default.PrePeriodDays;

    public List<AttributeDefinition> AttributeSchema { get; set; } = [];

    public TenantSettings Settings => new(RequestsPerSecond, EventHorizonDays, AffinityHalfLifeDays, MarginRate, PrePeriodDays);
}
