using Platform.Domain.Events;

namespace Platform.Domain.Trackers;

/// <summary>
/// A platform event made from a tracker message, with the message's field each of its fields came from
/// (amount → properties.revenue), so that a broken rule names what the tracker sent.
/// </summary>
public sealed record TrackedEvent(EventDraft Draft, IReadOnlyDictionary<string, string> SourceFields)
{
    public string SourceField(string platformField) =>
        SourceFields.TryGetValue(platformField, out var path) ? path : platformField;
}
