using Platform.Domain;
using Platform.Storage.Models;
using Prometheus;

namespace Platform.Gateway.Hosting;

/// <summary>
/// Exports each ACTIVE version's largest input drift (its latest check) on /metrics as
/// `platform_model_input_drift_max_psi{tenant, task}`, read from the registry every <see cref="Interval"/>.
/// </summary>
public sealed class ModelDriftMetrics(ModelRegistry registry, ILogger<ModelDriftMetrics> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private static readonly GaugeSnapshot MaxPsi = new(Metrics.CreateGauge(
        "platform_model_input_drift_max_psi",
        "The largest population stability index among the inputs of the tenant's ACTIVE version of the task, at its latest drift check.",
        "tenant",
        "task"));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                var drifts = await registry.ActiveDriftAsync(stoppingToken);
                MaxPsi.Publish(drifts.Select(d => (new[] { d.TenantId, WireNames.ToWire(d.Task) }, d.MaxPsi)));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Could not read the models' drift for /metrics");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
