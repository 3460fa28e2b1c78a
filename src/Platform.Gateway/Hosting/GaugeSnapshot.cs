using Prometheus;

namespace Platform.Gateway.Hosting;

/// <summary>A labelled gauge set from a reading at a time: label sets missing from the new reading are removed, not left stale.</summary>
public sealed class GaugeSnapshot(Gauge gauge)
{
    private HashSet<string[]> exported = new(LabelComparer.Instance);

    public int LabelCount => gauge.LabelNames.Length;

    public void Publish(IEnumerable<(string[] Labels, double Value)> reading)
    {
        var current = new HashSet<string[]>(LabelComparer.Instance);
        foreach (var (labels, value) in reading)
        {
            gauge.WithLabels(labels).Set(value);
            current.Add(labels);
        }

        foreach (var gone in exported.Except(current, LabelComparer.Instance))
        {
            gauge.RemoveLabelled(gone);
        }

        exported = current;
    }

    private sealed class LabelComparer : IEqualityComparer<string[]>
    {
        public static readonly LabelComparer Instance = new();

        public bool Equals(string[]? x, string[]? y) => x is not null && y is not null && x.SequenceEqual(y, StringComparer.Ordinal);

        public int GetHashCode(string[] labels) => labels.Aggregate(0, (hash, label) => HashCode.Combine(hash, StringComparer.Ordinal.GetHashCode(label)));
    }
}
