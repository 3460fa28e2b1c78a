using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Platform.Grains.Profiles;

/// <summary>
/// What the feed partitions active on this node hold back from profiles: events acknowledged (committed to the log) that
/// wait for an earlier batch before their users' grains get them, per tenant, on the "Platform.Feed" meter
/// (<c>platform_feed_waiting_events{tenant}</c>, <c>platform_feed_waiting_seconds{tenant}</c>; docs/operations.md#metrics).
/// Both are 0 while profiles keep up; a tenant appears once one of its partitions has been active on the node.
/// </summary>
public static class FeedMetrics
{
    public const string MeterName = "Platform.Feed";

    // Every partition ever active on this node keeps its entry (zeroed when it leaves), so a tenant's series reads 0 rather
    // than its last value once its partitions are gone: bounded by the tenants' partitions.
    private static readonly ConcurrentDictionary<string, (string Tenant, int Events, double Seconds)> Partitions = new(StringComparer.Ordinal);
    private static readonly Meter Meter = new(MeterName);

    static FeedMetrics()
    {
        Meter.CreateObservableGauge("waiting_events", () => ByTenant(waiting => waiting.Sum(p => p.Events)),
            description: "Acknowledged events the tenant's feed partitions on this node hold until an earlier batch arrives.");
        Meter.CreateObservableGauge("waiting_seconds", () => ByTenant(waiting => waiting.Max(p => p.Seconds)),
            description: "How long the oldest of those events has waited (a gap is read back from the log after 2 seconds).");
    }

    /// <summary>What the partition holds now: the events waiting and how long the oldest has waited (read every second).</summary>
    public static void Report(string feedKey, string tenantId, int waitingEvents, TimeSpan oldestWait) =>
        Partitions[feedKey] = (tenantId, waitingEvents, oldestWait.TotalSeconds);

    /// <summary>The partition left this node: it holds nothing here any more.</summary>
    public static void Left(string feedKey, string tenantId) => Report(feedKey, tenantId, 0, TimeSpan.Zero);

    private static IEnumerable<Measurement<double>> ByTenant(Func<IEnumerable<(string Tenant, int Events, double Seconds)>, double> measure) =>
        Partitions.Values.GroupBy(p => p.Tenant, StringComparer.Ordinal)
            .Select(tenant => new Measurement<double>(measure(tenant), new KeyValuePair<string, object?>("tenant", tenant.Key)));
}
