namespace Platform.Abstractions.Jobs;

/// <summary>Runs a CSV import on a worker; the gateway queues it by this interface with the import id only.</summary>
public interface IImportJob
{
    Task RunAsync(Guid importId, CancellationToken cancellationToken);
}
