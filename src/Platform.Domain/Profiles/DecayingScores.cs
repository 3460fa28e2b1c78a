using System.Text.Json.Serialization;

namespace Platform.Domain.Profiles;

/// <summary>
/// Scores that halve every half-life. Each score is kept as its value at a reference time, so events
/// can be added in any order and the result is the same: value(t) = stored · 2^-((t - reference)/halfLife).
/// Only the strongest <see cref="Capacity"/> keys are kept; of equally weak ones, the ordinally greatest key goes first,
/// so what is kept never depends on the order the keys are held in.
/// Held as two arrays rather than a dictionary (a full one cost about 1.2 KB, the arrays under 0.4 KB), because every
/// active profile keeps two of these in memory; stored as a JSON object of scores by key, as the dictionary was.
/// </summary>
public sealed class DecayingScores
{
    public const int Capacity = 20;

    // Growing by a few keys at a time keeps the unused tail small; one past the capacity holds the key about to be dropped.
    private const int Growth = 4;

    private string[] keys = [];
    private double[] scores = [];

    public DateTimeOffset Reference { get; set; }

    /// <summary>How many keys have a score.</summary>
    [JsonIgnore]
    public int Count { get; private set; }

    /// <summary>The stored form: scores at <see cref="Reference"/> by key; keys are shared across profiles (<see cref="IdPool"/>).</summary>
    [JsonInclude]
    private Dictionary<string, double>? Values
    {
        get
        {
            var values = new Dictionary<string, double>(Count, StringComparer.Ordinal);
            for (var i = 0; i < Count; i++)
            {
                values[keys[i]] = scores[i];
            }

            return values;
        }
        set
        {
            Count = 0;
            keys = new string[Math.Min(value?.Count ?? 0, Capacity + 1)];
            scores = new double[keys.Length];
            foreach (var (key, score) in value ?? [])
            {
                Append(key, score);
            }
        }
    }

    public void Add(string key, double weight, DateTimeOffset at, TimeSpan halfLife)
    {
        if (Count == 0 || at > Reference)
        {
            Rebase(at, halfLife);
        }

        var added = weight * Factor(at - Reference, halfLife);
        var index = IndexOf(key);
        if (index >= 0)
        {
            scores[index] += added;
        }
        else
        {
            Append(key, added);
        }
    }

    /// <summary>The scores as of <paramref name="now"/>, strongest first.</summary>
    public IReadOnlyList<(string Key, double Score)> At(DateTimeOffset now, TimeSpan halfLife)
    {
        var factor = Factor(Reference - now, halfLife);
        var result = new (string Key, double Score)[Count];
        for (var i = 0; i < Count; i++)
        {
            result[i] = (keys[i], scores[i] * factor);
        }

        return result.OrderByDescending(pair => pair.Score).ThenBy(pair => pair.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>Adds a key that has no score yet; past <see cref="Capacity"/> the weakest key goes (it may be this one).</summary>
    private void Append(string key, double score)
    {
        if (Count == keys.Length)
        {
            Array.Resize(ref keys, Math.Min(Count + Growth, Capacity + 1));
            Array.Resize(ref scores, keys.Length);
        }

        keys[Count] = IdPool.Share(key)!;
        scores[Count++] = score;
        if (Count > Capacity)
        {
            RemoveAt(Weakest());
        }
    }

    private int IndexOf(string key)
    {
        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private int Weakest()
    {
        var weakest = 0;
        for (var i = 1; i < Count; i++)
        {
            if (scores[i] < scores[weakest] || (scores[i] == scores[weakest] && string.CompareOrdinal(keys[i], keys[weakest]) > 0))
            {
                weakest = i;
            }
        }

        return weakest;
    }

    private void RemoveAt(int index)
    {
        Count--;
        Array.Copy(keys, index + 1, keys, index, Count - index);
        Array.Copy(scores, index + 1, scores, index, Count - index);
        keys[Count] = null!;
    }

    private void Rebase(DateTimeOffset reference, TimeSpan halfLife)
    {
        var factor = Factor(Reference - reference, halfLife);
        for (var i = 0; i < Count; i++)
        {
            scores[i] *= factor;
        }

        Reference = reference;
    }

    // 2^(elapsed/halfLife): below 1 for elapsed < 0 (older than the reference).
    private static double Factor(TimeSpan elapsed, TimeSpan halfLife) => Math.Pow(2, elapsed / halfLife);
}
