using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Platform.Abstractions;
using Platform.Abstractions.Tenants;
using Platform.Domain.Imports;
using Platform.Storage.Imports;

namespace Platform.Ingestion.Imports;

/// <summary>
/// Runs one import on a worker: reads the stored file (twice when a first pass must measure columns),
/// cleans each row by the declared policies, skips exact duplicate rows, and writes batches of
/// <see cref="BatchRows"/> through the same validated paths as the API, recording progress and the
/// first rejections after every batch. Importing the same file again changes nothing.
/// </summary>
public sealed partial class ImportRunner(
    ImportStore imports,
    EventIngestion events,
    BulkProfileWriter profiles,
    UserWrites writes,
    ExperimentImport experiments,
    IGrainFactory grains,
    TimeProvider clock,
    ILogger<ImportRunner> logger)
{
    public const int BatchRows = 2_000;

    public async Task<ImportJobRecord?> RunAsync(Guid importId, ImportProgress progress, CancellationToken cancellationToken)
    {
        await using var lease = await imports.TryLeaseAsync(importId, cancellationToken) ?? throw new ImportBusyException(importId);
        var job = await imports.ClaimAsync(importId, cancellationToken);
        if (job is null)
        {
            logger.LogWarning("Import {ImportId} no longer exists or has finished", importId);
            return null;
        }

        try
        {
            var options = ImportOptionsJson.Deserialize(job.OptionsJson);
            var tenant = await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(job.TenantId)).GetAsync()
                ?? throw new ImportFailure($"Tenant '{job.TenantId}' does not exist.");
            var experiment = options.Kind == ImportKind.Experiment ? new ExperimentMeasures(options.Experiment!) : null;
            var translator = options.Events is { } events ? new EventRowTranslator(events) : null;
            var statistics = await MeasureAsync(job, options, experiment, translator, cancellationToken);
            translator?.ShiftTo(clock.GetUtcNow());
            var summary = await ImportRowsAsync(job, options, tenant, statistics, experiment, translator, progress, cancellationToken);
            return await imports.FinishAsync(job.Id, succeeded: true, summary, error: null, CancellationToken.None);
        }
        catch (Exception failure) when (failure is ImportFailure or UploadLostException or ImportMappingException)
        {
            logger.LogWarning("Import {ImportId} failed: {Reason}", importId, failure.Message);
            return await imports.FinishAsync(job.Id, succeeded: false, summaryJson: null, failure.Message, CancellationToken.None);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Ends the job rather than leaving it RUNNING through Hangfire's retries; what was written stays, and importing
            // the same file again writes only what is missing. A stopping worker (cancellation) is re-run instead.
            logger.LogError(exception, "Import {ImportId} failed on an unexpected error", importId);
            return await imports.FinishAsync(job.Id, succeeded: false, summaryJson: null,
                "The import stopped on a server error (in the worker's log); rows written before it are kept, and importing the file again adds the rest.", CancellationToken.None);
        }
    }

    /// <summary>The first pass: statistics of the columns that imputation or feature typing need, an experiment's balance and outcome association, an events file's latest time.</summary>
    private async Task<IReadOnlyDictionary<string, ColumnStatistics>> MeasureAsync(
        ImportJobRecord job, ImportOptions options, ExperimentMeasures? experiment, EventRowTranslator? translator, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> measured = [];
        var statistics = new Dictionary<string, ColumnStatistics>(StringComparer.Ordinal);
        // The latest time of the rows the second pass reads: dropped rows left out, DEFAULT cells filled (an imputed value,
        // left out here, is never later than the file's latest).
        var timed = translator is null ? null : new RowCleaner(options, new Dictionary<string, ColumnStatistics>());
        await foreach (var record in ImportFile.ReadAsync(imports.OpenFile(job), options, header =>
        {
            RequireColumns(options, header, HeaderAsRead(header, translator, Renaming(options)).Fields);
            measured = RowCleaner.ColumnsToMeasure(options, header);
            foreach (var column in measured)
            {
                statistics[column] = new ColumnStatistics();
            }
        }, cancellationToken))
        {
            foreach (var column in measured)
            {
                statistics[column].Add(record[column]);
            }

            experiment?.Add(measured, column => record[column]);
            if (timed?.Clean(record) is { Dropped: false, Cells: { } cells })
            {
                translator!.Observe(cells);
            }
        }

        return statistics;
    }

    private async Task<string?> ImportRowsAsync(
        ImportJobRecord job, ImportOptions options, TenantInfo tenant, IReadOnlyDictionary<string, ColumnStatistics> statistics, ExperimentMeasures? experiment,
        EventRowTranslator? translator, ImportProgress progress, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> header = [];
        var cleaner = new RowCleaner(options, statistics);
        var renaming = Renaming(options);
        var seen = new HashSet<Int128>();
        // In an experiment file without ids two equal rows are two customers with the same features and outcomes.
        var repeatsAreDuplicates = options.Experiment is not { UserIdColumn: null };
        var writer = options.Kind == ImportKind.Experiment
            ? await experiments.StartAsync(job, options.Experiment!, tenant, statistics, experiment!, cancellationToken)
            : null;
        if (options.Kind == ImportKind.Events)
        {
            await events.ReadyFeedAsync(tenant.Id);
        }

        var pending = new List<(long Line, IReadOnlyDictionary<string, string?> Cells)>(BatchRows);
        var batch = new RowBatch();
        var total = ImportCounts.None;
        var plan = new FoldPlan();

        async Task FlushAsync()
        {
            await WriteAsync(options, tenant, writer, pending, batch, plan, cancellationToken);
            await imports.RecordProgressAsync(job.Id, batch.Counts, batch.Rejections, cancellationToken);
            total = total.Add(batch.Counts);
            await progress(job, total);
            pending.Clear();
            batch = new RowBatch();
        }

        await foreach (var record in ImportFile.ReadAsync(imports.OpenFile(job), options, h => header = h, cancellationToken))
        {
            batch.Read++;
            if (repeatsAreDuplicates && !seen.Add(ContentHash(record)))
            {
                batch.Duplicates++;
                continue;
            }

            var cleaned = cleaner.Clean(record);
            if (cleaned.Dropped)
            {
                batch.Dropped++;
                continue;
            }

            var row = translator?.Translate(cleaned.Cells!) ?? (renaming is null ? cleaned : cleaned with { Cells = renaming.Rename(cleaned.Cells!) });
            if (row.Violations.Count > 0)
            {
                batch.Reject(record.Line, row.Violations);
                continue;
            }

            pending.Add((record.Line, row.Cells!));
            if (pending.Count == BatchRows)
            {
                await FlushAsync();
            }
        }

        await FlushAsync();
        if (plan.Count > 0)
        {
            logger.LogInformation("Import {ImportId}: folding the profiles of {Users} users", job.Id, plan.Count);
            await imports.StartFoldingAsync(job.Id, plan.Count, cancellationToken);
            await profiles.FoldAsync(tenant, plan, async folded =>
            {
                await imports.RecordFoldedAsync(job.Id, folded, cancellationToken);
                await progress(job, total);
            }, cancellationToken);
        }

        var (fields, shadowed) = HeaderAsRead(header, translator, renaming);
        var ignored = IgnoredColumns(options, tenant, fields).Concat(shadowed).ToList();
        return writer is null
            ? ImportOptionsJson.Serialize(new { ignoredColumns = ignored })
            : await writer.SummaryAsync(ignored, cancellationToken);
    }

    private async Task WriteAsync(
        ImportOptions options, TenantInfo tenant, ExperimentWriter? writer,
        IReadOnlyList<(long Line, IReadOnlyDictionary<string, string?> Cells)> rows, RowBatch batch, FoldPlan plan, CancellationToken cancellationToken)
    {
        switch (options.Kind)
        {
            case ImportKind.Users:
                await WriteUsersAsync(tenant, options.Tags ?? [], rows, batch, cancellationToken);
                break;
            case ImportKind.Items:
                await WriteItemsAsync(tenant, rows, batch, cancellationToken);
                break;
            case ImportKind.Events:
                await WriteEventsAsync(tenant, rows, batch, plan, cancellationToken);
                break;
            case ImportKind.Experiment:
                await writer!.WriteAsync(rows, options.Tags ?? [], batch, cancellationToken);
                break;
        }
    }

    private static Int128 ContentHash(CsvRecord record)
    {
        var canonical = string.Join('\u001f', record.Cells.Values.Select(v => v?.Trim()));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
        return new Int128(BitConverter.ToUInt64(hash, 0), BitConverter.ToUInt64(hash, 8));
    }
}
