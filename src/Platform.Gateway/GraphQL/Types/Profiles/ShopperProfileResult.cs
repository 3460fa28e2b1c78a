using Platform.Domain.Profiles;

namespace Platform.Gateway.GraphQL.Types.Profiles;

/// <summary>A profile view with the shopper id it belongs to.</summary>
public sealed record ShopperProfileResult(string Id, ProfileView View);
