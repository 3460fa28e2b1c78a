namespace Platform.Storage.ApiKeys;

/// <summary>The revoked key (null when the tenant has no such key), or a refusal to revoke the last active ADMIN key.</summary>
public sealed record RevokeResult(ApiKeyRecord? Key, bool LastActiveAdmin);
