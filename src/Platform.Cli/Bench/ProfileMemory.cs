using System.Text.Json;
using Platform.Domain.Events;
using Platform.Domain.Profiles;

namespace Platform.Cli.Bench;

/// <summary>
/// The part of an active profile's memory that is the profile itself: the bench's events folded per user
/// in this process, each profile then read back from JSON as a grain holds it after activation, measured as
/// the live managed heap after a full collection. The gateway's process figures minus this are what the
/// grain activation (Orleans' bookkeeping, persistent-state wrapper) and uncollected garbage cost.
/// </summary>
public static class ProfileMemory
{
    public static double BytesPerProfile(IReadOnlyList<BehaviorEvent> events)
    {
        var serialized = events.GroupBy(e => e.UserId, StringComparer.Ordinal)
            .Select(user =>
            {
                var profile = new UserProfile();
                ProfileFolder.Apply(profile, user.Select((e, i) => ((long)i + 1, e)), _ => null, ProfileSettings.Default);
                return JsonSerializer.SerializeToUtf8Bytes(profile);
            })
            .ToList();

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var profiles = serialized.Select(json => JsonSerializer.Deserialize<UserProfile>(json)!).ToList();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(profiles);
        return (after - before) / (double)profiles.Count;
    }
}
