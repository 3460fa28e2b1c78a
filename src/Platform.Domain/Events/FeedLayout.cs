namespace Platform.Domain.Events;

/// <summary>
/// How a tenant's feed is split: <see cref="Partitions"/> feed grains, each delivering the events of its own users in log
/// order. A layout is a generation: generation 0 is the single feed every tenant starts with; each change of the partition
/// count opens the next generation, which delivers the events after <see cref="AfterSeq"/> once every partition of the
/// previous one has delivered up to it.
/// </summary>
public readonly record struct FeedLayout(int Generation, int Partitions, long AfterSeq)
{
    public const int MaxPartitions = 64;

    public static readonly FeedLayout Initial = new(0, 1, 0);

    /// <summary>The partition that delivers a user's events: <see cref="HashOf"/> modulo the partition count.</summary>
    public int PartitionOf(string userId) => PartitionOf(userId, Partitions);

    public static int PartitionOf(string userId, int partitions) => partitions == 1 ? 0 : (int)(HashOf(userId) % (uint)partitions);

    /// <summary>FNV-1a of the id's UTF-16 code units: stable across processes, and stored with each logged event.</summary>
    public static uint HashOf(string userId)
    {
        var hash = 2166136261u;
        foreach (var c in userId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
