namespace Platform.Storage.Imports;

/// <summary>
/// Rows of an import so far: read; then each row is exactly one of stored (new or changed), unchanged (already
/// stored as given), a duplicate of an earlier row of the file, rejected with a reason, or dropped by policy.
/// </summary>
public sealed record ImportCounts(long Read, long Accepted, long Unchanged, long Duplicates, long Rejected, long Dropped)
{
    public static ImportCounts None { get; } = new(0, 0, 0, 0, 0, 0);

    public ImportCounts Add(ImportCounts other) =>
        new(Read + other.Read, Accepted + other.Accepted, Unchanged + other.Unchanged, Duplicates + other.Duplicates, Rejected + other.Rejected, Dropped + other.Dropped);
}
