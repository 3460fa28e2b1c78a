namespace Platform.Abstractions.Progress;

/// <summary>
/// A change in a background run, fanned out to every node that has a subscriber. It carries only the
/// status; subscribers read the full run from its store, which stays the source of truth.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ProgressUpdate(
    [property: Id(0)] string RunKind,
    [property: Id(1)] Guid RunId,
    [property: Id(2)] string Status,
    [property: Id(3)] bool Finished,
    [property: Id(4)] DateTimeOffset At);
