using Platform.Domain.Auth;
using Platform.Storage.ApiKeys;

namespace Platform.Gateway.Auth;

/// <summary>
/// Who is calling, resolved once per request or WebSocket connection from the API key. Resolvers take
/// the tenant from here and nowhere else.
/// </summary>
public sealed record Caller(string? TenantId, Role? Role, Guid? KeyId, bool IsSystem)
{
    public static Caller System { get; } = new(null, null, null, true);

    public static Caller ForKey(ApiKeyRecord key) => new(key.TenantId, key.Role, key.Id, false);

    /// <summary>Stable label for logs and metrics; never contains the secret.</summary>
    public string Label => IsSystem ? "system" : $"{TenantId}:{KeyId}";
}
