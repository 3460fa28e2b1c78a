using System.Globalization;
using Platform.Domain.Errors;
using Platform.Abstractions.Tenants;
using Platform.Domain.Catalog;
using Platform.Domain.Events;
using Platform.Domain.Imports;
using Platform.Domain.Users;
using Platform.Storage.Users;

namespace Platform.Ingestion.Imports;

/// <summary>Users, items and events: rows become the drafts the API takes, with the same validation.</summary>
public sealed partial class ImportRunner
{
    private static readonly Dictionary<ImportKind, string[][]> RequiredColumns = new()
    {
        [ImportKind.Users] = [["id", "userId"]],
        [ImportKind.Items] = [["id", "itemId"], ["title"]],
        [ImportKind.Events] = [["userId"], ["type"], ["occurredAt"]],
        [ImportKind.Experiment] = [],
    };

    /// <summary>A users or items file's own column names (options.users, options.items), or null.</summary>
    private static ColumnRenaming? Renaming(ImportOptions options) => options.Kind switch
    {
        ImportKind.Users when options.Users is { } users => users.ForUsers(),
        ImportKind.Items when options.Items is { } items => items.ForItems(),
        _ => null,
    };

    /// <summary>The header as the rows are read (mapped columns under their fields' names), and the columns no field is read from.</summary>
    private static (IReadOnlyList<string> Fields, IReadOnlyList<string> Shadowed) HeaderAsRead(
        IReadOnlyList<string> header, EventRowTranslator? translator, ColumnRenaming? renaming) =>
        translator is not null ? (translator.Fields(header), translator.Shadowed(header))
        : renaming is not null ? (renaming.Fields(header), renaming.Shadowed(header))
        : (header, []);

    /// <param name="fields">The header as the rows are read: mapped columns under their fields' names.</param>
    private static void RequireColumns(ImportOptions options, IReadOnlyList<string> header, IReadOnlyList<string> fields)
    {
        var present = fields.Select(CellReader.Normalize).ToHashSet();
        var missing = RequiredColumns[options.Kind]
            .Where(alternatives => !alternatives.Any(a => present.Contains(CellReader.Normalize(a))))
            .Select(alternatives => string.Join(" or ", alternatives))
            .ToList();
        if (options.Experiment is { } experiment)
        {
            missing.AddRange(experiment.MappedColumns
                .Concat(experiment.FeatureColumns ?? [])
                .Concat(experiment.CovariateColumns ?? [])
                .Where(column => !header.Contains(column)));
        }

        missing.AddRange((options.Events?.Fields ?? []).Concat(options.Users?.Fields ?? []).Concat(options.Items?.Fields ?? [])
            .Select(f => f.Column).Where(column => !header.Contains(column)));

        if (missing.Count > 0)
        {
            var jsonLines = options.Format == FileFormat.JsonLines;
            var looksLikeData = options.ColumnNames is null && !jsonLines
                && header.Any(name => double.TryParse(name, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number));
            throw new ImportFailure($"Missing required column(s): {string.Join(", ", missing)}. {(jsonLines ? "The first objects have" : "The header has")}: {string.Join(", ", header)}."
                + (looksLikeData ? " Its first line looks like data (a number among the names): name the columns of a file without a header line in options.columnNames." : ""));
        }
    }

    private static IReadOnlyList<string> IgnoredColumns(ImportOptions options, TenantInfo tenant, IReadOnlyList<string> header)
    {
        var known = options.Kind switch
        {
            ImportKind.Users => RowMappers.UserColumns.Concat(tenant.AttributeSchema.Select(a => a.Name)),
            ImportKind.Items => RowMappers.ItemColumns,
            ImportKind.Events => options.Events is null ? RowMappers.EventColumns : EventFileMapping.MappableFields,
            _ => header,
        };
        var normalized = known.Select(CellReader.Normalize).ToHashSet();
        return header.Where(h => !normalized.Contains(CellReader.Normalize(h))).ToList();
    }

    private async Task WriteUsersAsync(TenantInfo tenant, IReadOnlyList<string> tags, IReadOnlyList<(long Line, IReadOnlyDictionary<string, string?> Cells)> rows, RowBatch batch, CancellationToken cancellationToken)
    {
        var mapped = rows.Select(r => (r.Line, Mapped: RowMappers.User(r.Cells, tenant.AttributeSchema, tags))).ToList();
        await WriteUpsertsAsync(
            mapped.Select(m => (m.Line, m.Mapped.Draft, m.Mapped.Violations)).ToList(),
            batch,
            draft => UserValidator.Validate(draft, tenant.AttributeSchema).Violations,
            drafts => writes.UpsertUsersAsync(tenant.Id, tenant.AttributeSchema, drafts, TagMerge.Add, cancellationToken));
    }

    private async Task WriteItemsAsync(TenantInfo tenant, IReadOnlyList<(long Line, IReadOnlyDictionary<string, string?> Cells)> rows, RowBatch batch, CancellationToken cancellationToken)
    {
        var mapped = rows.Select(r => (r.Line, Mapped: RowMappers.Item(r.Cells))).ToList();
        await WriteUpsertsAsync(
            mapped.Select(m => (m.Line, m.Mapped.Draft, m.Mapped.Violations)).ToList(),
            batch,
            draft => ItemValidator.Validate(draft).Violations,
            drafts => writes.UpsertItemsAsync(tenant.Id, drafts, cancellationToken));
    }

    /// <summary>
    /// Rows whose cells did not parse are rejected with those problems and every other rule the row breaks (the
    /// validator sees the row with the unparsed cells left out); the rest go through the API's write path.
    /// </summary>
    private static async Task WriteUpsertsAsync<TDraft>(
        IReadOnlyList<(long Line, TDraft Draft, IReadOnlyList<Violation> Violations)> mapped,
        RowBatch batch,
        Func<TDraft, IReadOnlyList<Violation>> validate,
        Func<IReadOnlyList<TDraft>, Task<UpsertOutcome>> write)
    {
        foreach (var (line, draft, violations) in mapped.Where(m => m.Violations.Count > 0))
        {
            batch.Reject(line, AllBroken(violations, validate(draft)));
        }

        var typed = mapped.Where(m => m.Violations.Count == 0).ToList();
        if (typed.Count == 0)
        {
            return;
        }

        var outcome = await write(typed.Select(t => t.Draft).ToList());
        foreach (var result in outcome.Results)
        {
            if (result.IsValid)
            {
                batch.Count(result.Status);
            }
            else
            {
                batch.Reject(typed[result.Index].Line, result.Errors);
            }
        }
    }

    private async Task WriteEventsAsync(
        TenantInfo tenant, IReadOnlyList<(long Line, IReadOnlyDictionary<string, string?> Cells)> rows, RowBatch batch, FoldPlan plan, CancellationToken cancellationToken)
    {
        var mapped = rows.Select(r => (r.Line, Mapped: RowMappers.Event(r.Cells))).ToList();
        var horizon = TimeSpan.FromDays(tenant.Settings.EventHorizonDays);
        foreach (var (line, (draft, violations)) in mapped.Where(m => m.Mapped.Violations.Count > 0))
        {
            batch.Reject(line, AllBroken(violations, EventValidator.Validate(draft, clock.GetUtcNow(), horizon).Violations));
        }

        var typed = mapped.Where(m => m.Mapped.Violations.Count == 0).ToList();
        if (typed.Count == 0)
        {
            return;
        }

        var outcome = await events.IngestHistoryAsync(tenant, typed.Select(t => t.Mapped.Draft).ToList(), plan, cancellationToken);
        foreach (var result in outcome.Results)
        {
            switch (result.Status)
            {
                case IngestStatus.Accepted:
                    batch.Accepted++;
                    break;
                case IngestStatus.Duplicate:
                    batch.Unchanged++; // an event with this id is stored already
                    break;
                default:
                    batch.Reject(typed[result.Index].Line, result.Errors);
                    break;
            }
        }
    }

    /// <summary>The cells that did not parse, then every other field's broken rules.</summary>
    private static IReadOnlyList<Violation> AllBroken(IReadOnlyList<Violation> unparsed, IReadOnlyList<Violation> validation) =>
        [.. unparsed, .. validation.Where(v => unparsed.All(u => !string.Equals(u.Field, v.Field, StringComparison.OrdinalIgnoreCase)))];
}
