using Platform.Domain.Auth;
using Platform.Gateway.Auth;

namespace Platform.Gateway.Tests;

public static class Callers
{
    public static Caller Admin { get; } = new("shop", Role.Admin, Guid.NewGuid(), false);

    public static Caller Merchant { get; } = new("shop", Role.Merchant, Guid.NewGuid(), false);

    public static Caller Partner { get; } = new("shop", Role.Partner, Guid.NewGuid(), false);
}
