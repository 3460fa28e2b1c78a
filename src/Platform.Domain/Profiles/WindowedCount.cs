using Platform.Domain.Events;

namespace Platform.Domain.Profiles;

/// <summary>Events of one type: ever, in the last 7 days and in the last 30 days.</summary>
public sealed record WindowedCount(EventType Type, long Total, int Last7Days, int Last30Days);
