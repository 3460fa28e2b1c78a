namespace Platform.Domain.Auth;

/// <summary>The upper-case names roles have on the wire and in storage (ADMIN, MERCHANT, PARTNER, TRACKER).</summary>
public static class RoleNames
{
    public static string ToWire(Role role) => role switch
    {
        Role.Admin => "ADMIN",
        Role.Merchant => "MERCHANT",
        Role.Partner => "PARTNER",
        Role.Tracker => "TRACKER",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
    };

    public static Role FromWire(string name) => name switch
    {
        "ADMIN" => Role.Admin,
        "MERCHANT" => Role.Merchant,
        "PARTNER" => Role.Partner,
        "TRACKER" => Role.Tracker,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown role"),
    };
}
