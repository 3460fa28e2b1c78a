using Platform.Domain.Profiles;
using Platform.Domain.Users;

namespace Platform.Domain.Audiences;

/// <summary>Everything rules can look at for one user: the profile as of now and the stored attributes.</summary>
public sealed record UserSnapshot(ProfileView View, UserAttributes? Attributes);
