using System.Collections;
using Platform.Domain.Modeling;

namespace Platform.ML.Uplift;

/// <summary>
/// A user's features with one left out, read through to the user's own (reasons and drivers leave out each feature in
/// turn: a copy per feature was most of what a recommendation allocated).
/// </summary>
public sealed class FeaturesWithout(IReadOnlyDictionary<string, FeatureValue> features, string without) : IReadOnlyDictionary<string, FeatureValue>
{
    public FeatureValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => features.Keys.Where(Kept);

    public IEnumerable<FeatureValue> Values => this.Select(p => p.Value);

    public int Count => features.ContainsKey(without) ? features.Count - 1 : features.Count;

    public bool ContainsKey(string key) => Kept(key) && features.ContainsKey(key);

    public bool TryGetValue(string key, out FeatureValue value)
    {
        if (Kept(key))
        {
            return features.TryGetValue(key, out value);
        }

        value = default;
        return false;
    }

    public IEnumerator<KeyValuePair<string, FeatureValue>> GetEnumerator() => features.Where(p => Kept(p.Key)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private bool Kept(string key) => !string.Equals(key, without, StringComparison.Ordinal);
}
