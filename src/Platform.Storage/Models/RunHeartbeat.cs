using Platform.Domain.Models;

namespace Platform.Storage.Models;

/// <summary>
/// Keeps a running attempt's row alive while it trains: every couple of seconds (<c>interval</c>) it saves the latest progress and reads
/// the status back. A run cancelled through the API, or no longer this attempt's (a sweep found its worker silent and
/// queued it again, perhaps already taken by another worker), cancels <see cref="Token"/>, so training stops between
/// batches instead of training on to a version nobody waits for.
/// </summary>
public sealed class RunHeartbeat : IAsyncDisposable
{
    private readonly CancellationTokenSource cancelled;
    private readonly PeriodicTimer timer;
    private readonly Task loop;
    private volatile TrainingProgress latest = new("starting", 0, 1);
    private volatile bool takenOver;
    private TrainingRunStatus? statusSeen;

    public RunHeartbeat(
        TrainingRunStore runs, Guid runId, int attempt, Func<TrainingProgress, Task> publish, CancellationToken stopping, TimeSpan? interval = null)
    {
        timer = new PeriodicTimer(interval ?? TimeSpan.FromSeconds(2));
        cancelled = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var published = latest; // read here: a progress reported before the loop starts is still published
        loop = Task.Run(async () =>
        {
            while (await timer.WaitForNextTickAsync().ConfigureAwait(false))
            {
                try
                {
                    var status = await runs.HeartbeatAsync(runId, attempt, ModelJson.Write(latest), CancellationToken.None);
                    if (status is not TrainingRunStatus.Running && !cancelled.IsCancellationRequested)
                    {
                        statusSeen = status;
                        takenOver = status is not TrainingRunStatus.Cancelled; // volatile: written after statusSeen
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

    /// <summary>Cancelled when the run is cancelled, is no longer this attempt's, or the worker stops.</summary>
    public CancellationToken Token => cancelled.Token;

    /// <summary>Whether <see cref="Token"/> was cancelled because the run is no longer this attempt's.</summary>
    public bool TakenOver => takenOver;

    /// <summary>Once <see cref="TakenOver"/>: the run's status then (QUEUED again, or ended by a sweep), null when a newer attempt holds it.</summary>
    public TrainingRunStatus? StatusSeen => takenOver ? statusSeen : null;

    public void Report(TrainingProgress progress) => latest = progress;

    public async ValueTask DisposeAsync()
    {
        timer.Dispose();
        await loop.ConfigureAwait(false);
        cancelled.Dispose();
    }
}
