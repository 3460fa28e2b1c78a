using System.Globalization;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Options;
using Platform.Abstractions.Jobs;
using Platform.Domain.Imports;
using Platform.Domain.Jobs;
using Platform.Gateway.Auth;
using Platform.Gateway.Api.Arguments;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Api.Types;
using Platform.Gateway.Api.Transport;
using Platform.Gateway.Hosting;
using Platform.Ingestion.Imports;
using Platform.Storage.Imports;

namespace Platform.Gateway.Operations;

/// <summary>Accepts a CSV upload: checks the options, keeps the file, and queues the import for a worker.</summary>
public sealed class ImportService(ImportStore store, IBackgroundJobClient jobs, IOptions<PlatformOptions> options, ILogger<ImportService> logger)
{
    public const int DefaultRejectionsPage = 100;
    public const int MaxRejectionsPage = 1_000;

    public async Task<ImportJobRecord> StartAsync(Caller caller, ImportKind kind, UploadedFile file, ImportOptionsInput? input, CancellationToken cancellationToken)
    {
        var importOptions = (input ?? new ImportOptionsInput(null, null, null, null)).For(kind);
        ApiError.ThrowIfAny(ImportOptionsRules.Validate(importOptions));

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

    public async Task<Page<RowRejection>> RejectionsAsync(ImportJobRecord job, int? first, string? after, CancellationToken cancellationToken)
    {
        var size = Paging.Size(first, DefaultRejectionsPage, MaxRejectionsPage);
        var fetched = await store.RejectionsAsync(job.TenantId, job.Id, size + 1, after is null ? null : Cursor(after), cancellationToken);
        return Page<RowRejection>.From(fetched, size, r => Paging.Cursor("rejections", r.Id.ToString(CultureInfo.InvariantCulture)));
    }

    private static long Cursor(string after) =>
        long.TryParse(Paging.Key(after, "rejections"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw Paging.BadCursor("rejections");
}
