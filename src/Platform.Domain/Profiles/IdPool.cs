using System.Collections.Concurrent;

namespace Platform.Domain.Profiles;

/// <summary>
/// One shared copy of each item, category and campaign id that profiles keep: tens of thousands of active profiles
/// name the same few thousand ids, and each read from an event or a stored snapshot is a new string otherwise.
/// Bounded: after <see cref="Capacity"/> distinct ids the pool starts afresh (the profiles keep the strings they hold;
/// the pool lets go of the rest), so ids of ended campaigns, deleted items or one tenant's flood of new ids cannot pin
/// memory — at worst they make sharing less effective until the pool refills.
/// </summary>
public static class IdPool
{
    public const int Capacity = 100_000;

    private static ConcurrentDictionary<string, string> ids = new(StringComparer.Ordinal);
    private static int count;

    public static string? Share(string? id)
    {
        if (id is null)
        {
            return null;
        }

        var pool = Volatile.Read(ref ids);
        if (pool.TryGetValue(id, out var shared))
        {
            return shared;
        }

        if (!pool.TryAdd(id, id))
        {
            return pool.TryGetValue(id, out shared) ? shared : id;
        }

        if (Interlocked.Increment(ref count) >= Capacity)
        {
            // One caller starts the next generation; lookups meanwhile still find a pool.
            Interlocked.Exchange(ref ids, new ConcurrentDictionary<string, string>(StringComparer.Ordinal));
            Interlocked.Exchange(ref count, 0);
        }

        return id;
    }
}
