using Platform.Storage.Operations;
using Prometheus;

namespace Platform.Gateway.Hosting;

/// <summary>
/// Exports the platform's work as the database records it (<see cref="OperationalFigures"/>) on /metrics, read every
/// <see cref="Interval"/>: cluster-wide figures, the same on every node (aggregate across nodes with max, not sum).
/// </summary>
public sealed class OperationalMetrics(OperationalFigures figures, ILogger<OperationalMetrics> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private static readonly Dictionary<string, GaugeSnapshot> Gauges = new(StringComparer.Ordinal)
    {
        ["import_rows"] = Snapshot("platform_import_rows", "Rows of every import so far, by kind and outcome (accepted, unchanged, duplicate, rejected, dropped).", "kind", "outcome"),
        ["imports"] = Snapshot("platform_imports", "Imports by status.", "status"),
        ["webhook_deliveries"] = Snapshot("platform_webhook_deliveries", "Webhook deliveries made in the last 24 hours by status (PENDING, SUCCEEDED, FAILED).", "status"),
        ["campaigns"] = Snapshot("platform_campaigns", "Campaigns by status.", "status"),
        ["queue_length"] = Snapshot("platform_job_queue_length", "Jobs waiting in each Hangfire queue (gpu, cpu, default, …).", "queue"),
        ["training_runs"] = Snapshot("platform_training_runs", "Training runs by task and status.", "task", "status"),
        ["model_versions"] = Snapshot("platform_model_versions", "Model versions by task and status (CANDIDATE, ACTIVE, RETIRED).", "task", "status"),
        ["training_seconds"] = Snapshot("platform_training_duration_seconds", "Durations of the training runs that succeeded in the last 7 days, by task: median (0.5), 0.95 and longest (1).", "task", "quantile"),
    };

    private static readonly Gauge LastReading = Metrics.CreateGauge(
        "platform_operational_figures_read_timestamp_seconds",
        "When this node last read the figures above from the database (Unix time): a failed reading keeps their previous values.");

    private static GaugeSnapshot Snapshot(string name, string help, params string[] labels) => new(Metrics.CreateGauge(name, help, labels));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                var reading = (await figures.ReadAsync(stoppingToken)).ToLookup(f => f.Name, StringComparer.Ordinal);
                foreach (var (name, gauge) in Gauges)
                {
                    gauge.Publish(reading[name].Select(f => (new[] { f.First, f.Second }[..gauge.LabelCount], f.Value)));
                }

                LastReading.SetToCurrentTimeUtc();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Could not read the operational figures for /metrics");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
