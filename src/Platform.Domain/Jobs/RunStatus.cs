namespace Platform.Domain.Jobs;

/// <summary>The life of a background run (diagnostics now; imports and training reuse it).</summary>
public enum RunStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}
