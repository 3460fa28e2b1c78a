namespace Platform.Abstractions.Jobs;

/// <summary>The daily drift check of every tenant's ACTIVE versions (docs/models.md#drift), a recurring job on the workers.</summary>
public interface IDriftJob
{
    Task RunAsync(CancellationToken cancellationToken);
}
