namespace Platform.Domain.Profiles;

/// <summary>
/// Scores that halve every half-life. Each score is kept as its value at a reference time, so events
/// can be added in any order and the result is the same: value(t) = stored · 2^-((t - reference)/halfLife).
/// Only the strongest <see cref="Capacity"/> keys are kept.
/// </summary>
public sealed class DecayingScores
{
    public const int Capacity = 20;

    public DateTimeOffset Reference { get; set; }

    private Dictionary<string, double> values = new(StringComparer.Ordinal);

    /// <summary>The scores by key; keys are shared across profiles (<see cref="IdPool"/>), also when a stored snapshot sets them.</summary>
    public Dictionary<string, double> Values
    {
        get => values;
        set => values = value?.ToDictionary(pair => IdPool.Share(pair.Key)!, pair => pair.Value, StringComparer.Ordinal) ?? new(StringComparer.Ordinal);
    }

    public void Add(string key, double weight, DateTimeOffset at, TimeSpan halfLife)
    {
        if (Values.Count == 0 || at > Reference)
        {
            Rebase(at, halfLife);
        }

        Values[IdPool.Share(key)!] = Values.GetValueOrDefault(key) + (weight * Factor(at - Reference, halfLife));
        if (Values.Count > Capacity)
        {
            Values.Remove(Values.MinBy(pair => pair.Value).Key);
        }
    }

    /// <summary>The scores as of <paramref name="now"/>, strongest first.</summary>
    public IReadOnlyList<(string Key, double Score)> At(DateTimeOffset now, TimeSpan halfLife)
    {
        var factor = Factor(Reference - now, halfLife);
        return Values.Select(pair => (pair.Key, pair.Value * factor)).OrderByDescending(pair => pair.Item2).ThenBy(pair => pair.Key, StringComparer.Ordinal).ToList();
    }

    private void Rebase(DateTimeOffset reference, TimeSpan halfLife)
    {
        var factor = Factor(Reference - reference, halfLife);
        foreach (var key in Values.Keys.ToList())
        {
            Values[key] *= factor;
        }

        Reference = reference;
    }

    // 2^(elapsed/halfLife): below 1 for elapsed < 0 (older than the reference).
    private static double Factor(TimeSpan elapsed, TimeSpan halfLife) => Math.Pow(2, elapsed / halfLife);
}
