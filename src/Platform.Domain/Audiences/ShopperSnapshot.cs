using Platform.Domain.Profiles;
using Platform.Domain.Shoppers;

namespace Platform.Domain.Audiences;

/// <summary>Everything rules can look at for one shopper: the profile as of now and the stored attributes.</summary>
public sealed record ShopperSnapshot(ProfileView View, ShopperAttributes? Attributes);
