using Prometheus;

namespace Platform.Ingestion;

/// <summary>
/// Live events (ingestEvents and the tracker source) by outcome since the process started, exported by a gateway on
/// /metrics (docs/operations.md#metrics). Imports run in the worker, which exports nothing: their rows are in
/// <c>platform_import_rows</c>.
/// </summary>
public static class IngestionMetrics
{
    private static readonly Counter Events = Metrics.CreateCounter(
        "platform_ingestion_events_total",
        "Live events (ingestEvents and the tracker source) by outcome: accepted, duplicate, rejected.",
        "outcome");

    public static void Count(IngestOutcome outcome)
    {
        Events.WithLabels("accepted").Inc(outcome.Accepted);
        Events.WithLabels("duplicate").Inc(outcome.Duplicates);
        Events.WithLabels("rejected").Inc(outcome.Rejected);
    }
}
