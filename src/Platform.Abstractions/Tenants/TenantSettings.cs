namespace Platform.Abstractions.Tenants;

/// <summary>Per-tenant settings an admin can change.</summary>
[GenerateSerializer, Immutable]
public sealed record TenantSettings(
    [property: Id(0)] int RequestsPerSecond);
