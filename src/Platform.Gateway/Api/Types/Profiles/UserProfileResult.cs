using Platform.Domain.Profiles;
using Platform.Domain.Users;
using Platform.Storage.Users;

namespace Platform.Gateway.Api.Types.Profiles;

/// <summary>A profile view and the stored attributes of the user it belongs to.</summary>
public sealed record UserProfileResult(string Id, ProfileView View, UserAttributes? Attributes, IReadOnlyList<string> Segments);
