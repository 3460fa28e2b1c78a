namespace Platform.Abstractions.Tenants;

/// <summary>The settings to change; null leaves a setting as it is.</summary>
[GenerateSerializer, Immutable]
public sealed record TenantSettingsChange(
    [property: Id(0)] int? RequestsPerSecond = null,
    [property: Id(1)] int? EventHorizonDays = null,
    [property: Id(2)] double? AffinityHalfLifeDays = null,
    [property: Id(3)] double? MarginRate = null,
    [property: Id(4)] int? PrePeriodDays = null);
