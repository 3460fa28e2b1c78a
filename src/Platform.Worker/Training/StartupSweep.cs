using Hangfire;
using Microsoft.Extensions.Options;
using Platform.Worker.Hosting;

namespace Platform.Worker.Training;

/// <summary>
/// A worker that starts sweeps once <see cref="ModelTrainingOptions.SilenceSeconds"/> later, beside the minutely sweep: a
/// run lost with the worker this one replaces (a crash, then a restart) is then silent long enough to be queued again,
/// without waiting for the next minute.
/// </summary>
public sealed class StartupSweep(IRecurringJobManager recurring, IOptions<ModelTrainingOptions> options, ILogger<StartupSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(options.Value.SilenceSeconds), stoppingToken);
        try
        {
            recurring.Trigger(WorkerHostingExtensions.TrainingSweeperId);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "The start-up sweep of training runs was not queued; the minutely one goes on");
        }
    }
}
