using System.Globalization;

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

    /// <summary>The tenant part of any grain key built here.</summary>
    public static string TenantOf(string grainKey) => grainKey[..grainKey.IndexOf('/', StringComparison.Ordinal)];

    /// <summary>The user id of a <see cref="User"/> key.</summary>
    public static string UserIdOf(string userKey) => userKey[(userKey.IndexOf("/user/", StringComparison.Ordinal) + "/user/".Length)..];

    public static string TenantIdOf(string tenantKey) =>
        tenantKey.EndsWith(TenantSuffix, StringComparison.Ordinal)
            ? tenantKey[..^TenantSuffix.Length]
            : throw new ArgumentException($"'{tenantKey}' is not a tenant grain key", nameof(tenantKey));

    public static string User(string tenantId, string userId) => $"{Validated(tenantId)}/user/{userId}";

    public static string Campaign(string tenantId, string campaignId) => $"{Validated(tenantId)}/campaign/{campaignId}";

    /// <summary>The campaign id of a <see cref="Campaign"/> key.</summary>
    public static string CampaignIdOf(string campaignKey) => campaignKey[(campaignKey.IndexOf("/campaign/", StringComparison.Ordinal) + "/campaign/".Length)..];

    /// <summary>A partition of the tenant's feed; generation 0's single partition keeps the key the feed always had.</summary>
    public static string Feed(string tenantId, int generation = 0, int partition = 0) =>
        generation == 0 ? $"{Validated(tenantId)}/feed" : $"{Validated(tenantId)}/feed/{generation}/{partition}";

    /// <summary>The generation and partition of a <see cref="Feed"/> key.</summary>
    public static (int Generation, int Partition) FeedPartitionOf(string feedKey)
    {
        var parts = feedKey[(feedKey.IndexOf("/feed", StringComparison.Ordinal) + "/feed".Length)..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 ? (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture)) : (0, 0);
    }

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
