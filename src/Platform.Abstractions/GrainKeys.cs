namespace Platform.Abstractions;

/// <summary>
/// The one place grain keys are built. Every key starts with the tenant id, which always comes from the
/// authenticated caller; tenant ids never contain '/', so "tenant/…" cannot be forged across tenants.
/// Every key also contains '/': Orleans' ADO.NET storage reads a key made only of hex digits as a number
/// (dotnet/orleans#9706), so "cafe" and "0cafe" would share a row.
/// </summary>
public static class GrainKeys
{
    private const string TenantSuffix = "/tenant";

    public static string Tenant(string tenantId) => Validated(tenantId) + TenantSuffix;

    public static string TenantIdOf(string tenantKey) =>
        tenantKey.EndsWith(TenantSuffix, StringComparison.Ordinal)
            ? tenantKey[..^TenantSuffix.Length]
            : throw new ArgumentException($"'{tenantKey}' is not a tenant grain key", nameof(tenantKey));

    public static string Progress(string tenantId, string runKind, Guid runId) =>
        $"{Validated(tenantId)}/{runKind}/{runId:N}";

    private static string Validated(string tenantId)
    {
        if (string.IsNullOrEmpty(tenantId) || tenantId.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{tenantId}' is not a tenant id", nameof(tenantId));
        }

        return tenantId;
    }
}
