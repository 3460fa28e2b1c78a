using Platform.Domain.Imports;
using Platform.Domain.Jobs;

namespace Platform.Storage.Imports;

/// <summary>An import: what was sent, where it stands, and what it did.</summary>
public sealed record ImportJobRecord(
    Guid Id,
    string TenantId,
    ImportKind Kind,
    RunStatus Status,
    string FileName,
    long SizeBytes,
    string OptionsJson,
    ImportCounts Counts,
    string? Error,
    string? SummaryJson,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    ProfileFolding Profiles);

/// <summary>
/// The last phase of an events import: the profiles of shoppers without a live grain, folded after every row is in
/// (docs/imports.md#history-and-profiles). Zero for other imports and before the phase starts.
/// </summary>
public sealed record ProfileFolding(long ToFold, long Folded);
