using Platform.Domain.Modeling.UserScores;
using Platform.Domain.Profiles;
using Platform.Domain.Users;

namespace Platform.Domain.Audiences;

/// <summary>
/// Everything audiences can look at for one user: the profile as of now, the stored attributes, the scores of the ACTIVE
/// USERS version, and the launched campaigns whose uplift audience picked the user.
/// </summary>
public sealed record UserSnapshot(ProfileView View, UserAttributes? Attributes, UserScore? Score = null, IReadOnlySet<string>? PickedFor = null);
