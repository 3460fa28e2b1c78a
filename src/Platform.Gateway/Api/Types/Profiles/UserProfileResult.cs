using Platform.Domain.Modeling.UserScores;
using Platform.Domain.Profiles;
using Platform.Domain.Users;
using Platform.Storage.Users;

namespace Platform.Gateway.Api.Types.Profiles;

/// <summary>A profile view, the stored attributes and the model scores of the user it belongs to.</summary>
public sealed record UserProfileResult(string Id, ProfileView View, UserAttributes? Attributes, IReadOnlyList<string> Segments, UserScore? Score);
