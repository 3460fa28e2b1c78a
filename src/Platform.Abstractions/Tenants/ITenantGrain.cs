using Platform.Domain.Users;

namespace Platform.Abstractions.Tenants;

/// <summary>One merchant account. Keyed by <see cref="GrainKeys.Tenant"/>.</summary>
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Creates the tenant; returns null when a tenant with this id already exists.</summary>
    Task<TenantInfo?> CreateAsync(string name, TenantSettings settings);

    /// <summary>The tenant, or null when it was never created.</summary>
    Task<TenantInfo?> GetAsync();

    /// <summary>Replaces the custom user attributes the tenant declares; returns null when the tenant does not exist.</summary>
    Task<TenantInfo?> SetAttributeSchemaAsync(IReadOnlyList<AttributeDefinition> schema);

    /// <summary>Changes some settings; returns null when the tenant does not exist.</summary>
    Task<TenantInfo?> UpdateSettingsAsync(TenantSettingsChange change);
}
