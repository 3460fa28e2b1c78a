using Platform.Domain.Modeling.UserScores;
using Platform.Domain.Profiles;
using Platform.Domain.Users;

namespace Platform.Domain.Audiences;

/// <summary>Everything rules can look at for one user: the profile as of now, the stored attributes, and the scores of the ACTIVE USERS version.</summary>
public sealed record UserSnapshot(ProfileView View, UserAttributes? Attributes, UserScore? Score = null);
