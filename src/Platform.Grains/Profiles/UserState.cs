using Platform.Domain.Profiles;

namespace Platform.Grains.Profiles;

/// <summary>Stored as JSON: the folded profile, which carries the log offset it has applied.</summary>
public sealed class UserState
{
    public UserProfile Profile { get; set; } = new();
}
