using Platform.Domain.Errors;
using Platform.Domain.Events;
using Platform.Storage.Imports;

namespace Platform.Ingestion.Imports;

/// <summary>What one batch of rows came to: counts and the rejections with their lines.</summary>
public sealed class RowBatch
{
    public long Read { get; set; }

    public long Accepted { get; set; }

    public long Unchanged { get; set; }

    public long Duplicates { get; set; }

    public long Dropped { get; set; }

    public List<RowRejection> Rejections { get; } = [];

    public long RejectedRows { get; private set; }

    /// <summary>Counts a valid row by what its write did.</summary>
    public void Count(UpsertStatus status)
    {
        if (status == UpsertStatus.Accepted)
        {
            Accepted++;
        }
        else
        {
            Unchanged++;
        }
    }

    public void Reject(long line, IEnumerable<Violation> violations)
    {
        RejectedRows++;
        Rejections.AddRange(violations.Select(v => new RowRejection(line, v.Field, v.Rule, v.Message)));
    }

    public ImportCounts Counts => new(Read, Accepted, Unchanged, Duplicates, RejectedRows, Dropped);
}
