namespace Platform.Storage.Imports;

/// <summary>Rows of an import so far: read, stored, already there, rejected with a reason, dropped by policy.</summary>
public sealed record ImportCounts(long Read, long Accepted, long Duplicates, long Rejected, long Dropped)
{
    public static ImportCounts None { get; } = new(0, 0, 0, 0, 0);

    public ImportCounts Add(ImportCounts other) =>
        new(Read + other.Read, Accepted + other.Accepted, Duplicates + other.Duplicates, Rejected + other.Rejected, Dropped + other.Dropped);
}
