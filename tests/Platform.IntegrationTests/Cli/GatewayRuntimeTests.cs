using Platform.Cli.Bench;

namespace Platform.IntegrationTests.Cli;

/// <summary>How bench ingest reads the gateway's /metrics around a run, and when it refuses to; no gateway needed.</summary>
public sealed class GatewayRuntimeTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void LabelsMatchInAnyOrder()
    {
        var figures = GatewayRuntime.Parse(Exposition(requestsAtOrBelow: [0, 900, 990, 1000], gen0: 7, collected: 12, orleansLabelsReversed: true));

        Assert.Equal(12, figures.UserGrainsCollected);
        Assert.Equal(990, figures.ServerBuckets[0.008]);
        Assert.Equal(1000, figures.ServerBuckets[double.PositiveInfinity]);
    }

    [Fact]
    public void TheServersP99IsTheBucketHoldingIt()
    {
        var before = Reading(Exposition([0, 0, 0, 0], gen0: 5, collected: null), Start);
        var after = Reading(Exposition([10, 900, 995, 1000], gen0: 9, collected: 40), Start.AddSeconds(20));

        var (during, error) = GatewayRuntime.Between(before, after, maxQueueLength: 3, answered: 1000);

        Assert.Null(error);
        Assert.Equal(8, during!.ServerP99Milliseconds);
        Assert.Equal((4, 40d), (during.Gen0, during.UserGrainsCollected!.Value));
    }

    [Fact]
    public void FewerRequestsThanTheBenchReceivedIsAnError()
    {
        var before = Reading(Exposition([0, 0, 0, 0], gen0: 5, collected: 0), Start);
        var after = Reading(Exposition([0, 10, 20, 30], gen0: 9, collected: 0), Start.AddSeconds(20));

        var (during, error) = GatewayRuntime.Between(before, after, maxQueueLength: null, answered: 1000);

        Assert.Null(during);
        Assert.Contains("fewer than the 1,000", error);
    }

    [Fact]
    public void CountersGoingBackwardsAreAnError()
    {
        var before = Reading(Exposition([0, 0, 0, 0], gen0: 50, collected: 0), Start);
        var after = Reading(Exposition([10, 900, 995, 1000], gen0: 2, collected: 0), Start.AddSeconds(20));

        var (during, error) = GatewayRuntime.Between(before, after, maxQueueLength: 1, answered: 1000);

        Assert.Null(during);
        Assert.Contains("went backwards", error);
    }

    private static GatewayRuntime.Reading Reading(string exposition, DateTimeOffset at) =>
        new(GatewayRuntime.Parse(exposition), TimeSpan.Zero, TimeSpan.Zero, at);

    // The series bench ingest reads, as prometheus-net writes them; requestsAtOrBelow: cumulative counts at 2, 4, 8 ms and +Inf.
    private static string Exposition(int[] requestsAtOrBelow, double gen0, double? collected, bool orleansLabelsReversed = false)
    {
        string[] bounds = ["0.002", "0.004", "0.008", "+Inf"];
        var buckets = bounds.Select((le, i) =>
            $"http_request_duration_seconds_bucket{{code=\"200\",method=\"POST\",controller=\"\",action=\"\",endpoint=\"/graphql\",le=\"{le}\"}} {requestsAtOrBelow[i]}");
        var shutdown = collected is null ? "" : orleansLabelsReversed
            ? $"microsoft_orleans_orleans_catalog_activation_shutdown{{via=\"collection\",grain_type=\"user\"}} {collected}"
            : $"microsoft_orleans_orleans_catalog_activation_shutdown{{grain_type=\"user\",via=\"collection\"}} {collected}";
        return string.Join('\n',
        [
            "# TYPE http_request_duration_seconds histogram",
            .. buckets,
            $"system_runtime_dotnet_gc_collections{{gc_heap_generation=\"gen2\"}} 1",
            $"system_runtime_dotnet_gc_collections{{gc_heap_generation=\"gen1\"}} 2",
            $"system_runtime_dotnet_gc_collections{{gc_heap_generation=\"gen0\"}} {gen0}",
            "system_runtime_dotnet_gc_pause_time 0.5",
            "system_runtime_dotnet_monitor_lock_contentions 3",
            "process_cpu_seconds_total 12.5",
            "system_runtime_dotnet_thread_pool_queue_length 0",
            shutdown,
        ]);
    }
}
