using Platform.Domain.Errors;
using Platform.Domain.Users;

namespace Platform.Domain.Trackers;

/// <summary>What one tracker message (a Segment-spec call) becomes, before the platform's own validation.</summary>
public sealed record TrackerMessage(
    string Call,
    string MessageId,
    string? EventName,
    string? UserId,
    IReadOnlyList<TrackedEvent> Events,
    UserDraft? User,
    IReadOnlyList<string> IgnoredTraits,
    TrackerAlias? Alias,
    IReadOnlyList<Violation> Problems)
{
    /// <summary>The message broke a rule of the source: nothing of it is stored.</summary>
    public bool IsRefused => Problems.Count > 0 && !IsIgnored;

    /// <summary>The message is well formed but has no mapping (a page call, an event outside the e-commerce spec): not stored.</summary>
    public bool IsIgnored => Problems.Count == 1 && Problems[0].Rule == TrackerRules.NoMapping;
}

/// <summary>An alias call: the anonymous <paramref name="PreviousId"/> is now known as <paramref name="UserId"/>.</summary>
public sealed record TrackerAlias(string PreviousId, string UserId);
