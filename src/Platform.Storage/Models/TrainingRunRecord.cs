using Platform.Domain.Models;

namespace Platform.Storage.Models;

/// <summary>A training run as stored: who asked, where it is, its latest progress (JSON), and the version it made.</summary>
public sealed record TrainingRunRecord(
    Guid Id,
    string TenantId,
    ModelTask Task,
    TrainingRunStatus Status,
    TrainingTrigger Trigger,
    string Queue,
    int Attempts,
    string? ProgressJson,
    string? Error,
    Guid? VersionId,
    string? Worker,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    public bool IsFinished => Status is not (TrainingRunStatus.Queued or TrainingRunStatus.Running);
}
