using Platform.Domain.Profiles;
using Platform.Domain.Shoppers;
using Platform.Storage.Shoppers;

namespace Platform.Gateway.GraphQL.Types.Profiles;

/// <summary>A profile view and the stored attributes of the shopper it belongs to.</summary>
public sealed record ShopperProfileResult(string Id, ProfileView View, ShopperAttributes? Attributes, IReadOnlyList<string> Segments);
