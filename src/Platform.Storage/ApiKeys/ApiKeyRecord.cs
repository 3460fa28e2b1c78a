using Platform.Domain.Auth;

namespace Platform.Storage.ApiKeys;

/// <summary>A stored API key. The secret itself is never stored, only its hash.</summary>
public sealed record ApiKeyRecord(
    Guid Id,
    string TenantId,
    Role Role,
    string Name,
    string Hint,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}
