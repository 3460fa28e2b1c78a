using System.Collections.Concurrent;

namespace Platform.Domain.Profiles;

/// <summary>
/// One shared copy of each item, category and campaign id that profiles keep: tens of thousands of active profiles
/// name the same few thousand ids, and each read from an event or a stored snapshot is a new string otherwise.
/// Bounded: past <see cref="Capacity"/> distinct ids, new ones are kept as given (correct, only not shared).
/// </summary>
public static class IdPool
{
    public const int Capacity = 500_000;

    private static readonly ConcurrentDictionary<string, string> Ids = new(StringComparer.Ordinal);

    public static string? Share(string? id)
    {
        if (id is null)
        {
            return null;
        }

        if (Ids.TryGetValue(id, out var shared))
        {
            return shared;
        }

        return Ids.Count < Capacity ? Ids.GetOrAdd(id, id) : id;
    }
}
