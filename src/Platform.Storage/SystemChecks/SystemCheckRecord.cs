using Platform.Domain.Jobs;

namespace Platform.Storage.SystemChecks;

/// <summary>One diagnostic run: queued by an admin, executed by a worker, kept for inspection.</summary>
public sealed record SystemCheckRecord(
    Guid Id,
    string TenantId,
    string Queue,
    RunStatus Status,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Worker,
    string? TorchVersion,
    string? Device,
    int? Threads,
    string? PostgresVersion,
    double? LossBefore,
    double? LossAfter,
    double? DurationMs,
    string? Error);
