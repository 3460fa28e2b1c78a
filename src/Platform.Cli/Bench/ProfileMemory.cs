using System.Text.Json;
using Platform.Domain.Events;
using Platform.Domain.Profiles;

namespace Platform.Cli.Bench;

/// <summary>
/// Memory per active profile: the growth of the node's live heap divided by the growth of its user grain activations,
/// both read from the node itself (<see cref="NodeHeap"/>) before the bench's users exist and once their profiles are
/// up to date. A figure that cannot be right is an error, never a result.
/// </summary>
public static class ProfileMemory
{
    /// <summary>The bench's users activated, or an explanation of why the two readings cannot be divided.</summary>
    public sealed record Measure(double? BytesPerActivation, int Activations, string? Error);

    public static Measure Of(NodeHeap.Figures before, NodeHeap.Figures after, int benchUsers, double profileItselfBytes)
    {
        if (profileItselfBytes <= 0)
        {
            return new(null, 0, $"the profile alone measured {profileItselfBytes:N0} bytes in the bench process: its collections were disturbed; rerun");
        }

        var activations = after.UserGrains - before.UserGrains;
        var grown = after.LiveHeapBytes - before.LiveHeapBytes;
        if (activations <= 0 || activations < benchUsers * 9 / 10)
        {
            return new(null, activations, $"only {activations:N0} more user grains for {benchUsers:N0} bench users: others deactivated meanwhile; rerun on a quiet node");
        }

        var perActivation = grown / (double)activations;
        if (perActivation < profileItselfBytes)
        {
            return new(null, activations, $"{perActivation / 1024:F1} KB per activation is less than the profile alone ({profileItselfBytes / 1024:F1} KB): other memory was freed meanwhile; rerun on a quiet node");
        }

        return new(perActivation, activations, null);
    }

    /// <summary>
    /// The part of an active profile's memory that is the profile itself: the bench's events folded per user in this
    /// process, each profile then read back from JSON as a grain holds it after activation, measured as the live managed
    /// heap after a full collection.
    /// </summary>
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
