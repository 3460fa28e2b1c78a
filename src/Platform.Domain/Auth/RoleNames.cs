namespace Platform.Domain.Auth;

/// <summary>The upper-case names roles have on the wire and in storage (ADMIN, MERCHANT, PARTNER).</summary>
public static class RoleNames
{
    public static string ToWire(Role role) => role switch
    {
        Role.Admin => "ADMIN",
        Role.Merchant => "MERCHANT",
        Role.Partner => "PARTNER",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
    };

    public static Role FromWire(string name) => name switch
    {
        "ADMIN" => Role.Admin,
        "MERCHANT" => Role.Merchant,
        "PARTNER" => Role.Partner,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown role"),
    };
}
