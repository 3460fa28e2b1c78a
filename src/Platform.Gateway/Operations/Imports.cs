using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Options;
using Platform.Abstractions.Jobs;
using Platform.Domain.Imports;
using Platform.Domain.Jobs;
using Platform.Gateway.Auth;
using Platform.Gateway.GraphQL.Arguments;
using Platform.Gateway.GraphQL.Execution;
using Platform.Gateway.GraphQL.Transport;
using Platform.Gateway.Hosting;
using Platform.Ingestion.Imports;
using Platform.Storage.Imports;

namespace Platform.Gateway.Operations;

/// <summary>Accepts a CSV upload: checks the options, keeps the file, and queues the import for a worker.</summary>
public sealed class Imports(ImportStore store, IBackgroundJobClient jobs, IOptions<PlatformOptions> options, ILogger<Imports> logger)
{
    public async Task<ImportJobRecord> StartAsync(Caller caller, ImportKind kind, UploadedFile file, ImportOptionsInput? input, CancellationToken cancellationToken)
    {
        var importOptions = (input ?? new ImportOptionsInput(null, null, null, null)).For(kind);
        if (ImportOptionsRules.Validate(importOptions) is [var first, ..])
        {
            throw new InputError(first.Field, first.Message.TrimEnd('.'));
        }

        var job = await store.CreateAsync(caller.TenantId!, kind, file.FileName, ImportOptionsJson.Serialize(importOptions), caller.KeyId, cancellationToken);
        try
        {
            await using (var content = file.OpenRead())
            {
                await store.StoreFileAsync(job.Id, content, options.Value.Imports.MaxFileBytes, cancellationToken);
            }

            jobs.Create(Job.FromExpression<IImportJob>(j => j.RunAsync(job.Id, CancellationToken.None)), new EnqueuedState(JobQueues.Default));
            logger.LogInformation("Import {ImportId} ({Kind}, {Bytes} bytes) of {TenantId} queued", job.Id, kind, file.Length, job.TenantId);
            return await store.FindAsync(job.TenantId, job.Id, cancellationToken) ?? job;
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Import {ImportId} could not be queued", job.Id);
            await store.FinishAsync(job.Id, succeeded: false, summaryJson: null, "The file could not be stored or queued.", CancellationToken.None);
            throw;
        }
    }
}
