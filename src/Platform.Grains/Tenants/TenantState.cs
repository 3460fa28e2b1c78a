namespace Platform.Grains.Tenants;

/// <summary>
/// Persisted as JSON without type names (see StableJsonGrainStorageSerializer): renaming this class
/// is safe; renaming a property is a data migration.
/// </summary>
public sealed class TenantState
{
    public string? Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int RequestsPerSecond { get; set; }
}
