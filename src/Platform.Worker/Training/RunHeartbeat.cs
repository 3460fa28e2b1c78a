using Platform.Domain.Models;
using Platform.Storage.Models;

namespace Platform.Worker.Training;

/// <summary>
/// Keeps a running run's row alive while it trains: every couple of seconds it saves the latest progress and reads the
/// status back; a run cancelled through the API cancels <see cref="Token"/>, so training stops between batches.
/// </summary>
public sealed class RunHeartbeat : IAsyncDisposable
{
    private readonly CancellationTokenSource cancelled;
    private readonly PeriodicTimer timer = new(TimeSpan.FromSeconds(2));
    private readonly Task loop;
    private volatile TrainingProgress latest = new("starting", 0, 1);

    public RunHeartbeat(TrainingRunStore runs, Guid runId, Func<TrainingProgress, Task> publish, CancellationToken stopping)
    {
        cancelled = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        loop = Task.Run(async () =>
        {
            var published = latest;
            while (await timer.WaitForNextTickAsync().ConfigureAwait(false))
            {
                try
                {
                    if (await runs.HeartbeatAsync(runId, ModelJson.Write(latest), CancellationToken.None) is TrainingRunStatus.Cancelled)
                    {
                        await cancelled.CancelAsync();
                    }

                    if (!ReferenceEquals(published, latest))
                    {
                        published = latest;
                        await publish(published);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // A missed beat is retried at the next tick; only a long silence counts the worker as lost.
                }
            }
        });
    }

    /// <summary>Cancelled when the run is cancelled or the worker stops.</summary>
    public CancellationToken Token => cancelled.Token;

    public void Report(TrainingProgress progress) => latest = progress;

    public async ValueTask DisposeAsync()
    {
        timer.Dispose();
        await loop.ConfigureAwait(false);
        cancelled.Dispose();
    }
}
