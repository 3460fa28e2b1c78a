using Prometheus;

namespace Platform.Ingestion;

/// <summary>
/// Events by outcome and path since the process started, exported by a gateway on /metrics
/// (docs/operations.md#metrics). The worker's imports count too, but the worker exports nothing: their rows are in
/// <c>platform_import_rows</c>.
/// </summary>
public static class IngestionMetrics
{
    private static readonly Counter Events = Metrics.CreateCounter(
        "platform_ingestion_events_total",
        "Events by outcome (accepted, duplicate, rejected) and path (live: ingestEvents and the tracker source; history: imports).",
        "outcome",
        "path");

    public static void Count(IngestOutcome outcome, string path)
    {
        Events.WithLabels("accepted", path).Inc(outcome.Accepted);
        Events.WithLabels("duplicate", path).Inc(outcome.Duplicates);
        Events.WithLabels("rejected", path).Inc(outcome.Rejected);
    }
}
