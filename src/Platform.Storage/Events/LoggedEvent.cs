using Platform.Domain.Events;

namespace Platform.Storage.Events;

/// <summary>An event with its place in the tenant's log.</summary>
public sealed record LoggedEvent(long Seq, BehaviorEvent Event);
