namespace Platform.Domain.Models;

/// <summary>Where a training run is. Stored by name: never rename.</summary>
public enum TrainingRunStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,

    /// <summary>A scheduled run that found no new data since the ACTIVE version's and did nothing.</summary>
    Skipped,
}
