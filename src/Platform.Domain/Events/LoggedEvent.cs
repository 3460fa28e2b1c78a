namespace Platform.Domain.Events;

/// <summary>An event with its place in the tenant's log.</summary>
public sealed record LoggedEvent(long Seq, BehaviorEvent Event);
