using System.Threading.Channels;

namespace Platform.Gateway.Subscriptions;

/// <summary>
/// An observable of one background run: emits the run whenever it changes, completes once it has
/// finished. Changes are signalled through the <see cref="ProgressHub"/>; a slow poll of the store
/// covers signals lost while a node restarts.
/// </summary>
public sealed class RunWatcher<TRun>(
    ProgressHub hub,
    string grainKey,
    string runKind,
    Guid runId,
    Func<CancellationToken, Task<TRun?>> load,
    Func<TRun, bool> isFinished,
    ILogger logger) : IObservable<TRun>
    where TRun : class
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    public IDisposable Subscribe(IObserver<TRun> observer)
    {
        var stop = new CancellationTokenSource();
        _ = WatchAsync(observer, stop.Token);
        return new Stopper(stop);
    }

    private async Task WatchAsync(IObserver<TRun> observer, CancellationToken cancellationToken)
    {
        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        try
        {
            using var listener = await hub.ListenAsync(grainKey, runKind, runId, () => changed.Writer.TryWrite(true));
            TRun? last = null;
            while (!cancellationToken.IsCancellationRequested)
            {
                var current = await load(cancellationToken);
                if (current is null)
                {
                    observer.OnCompleted();
                    return;
                }

                if (!current.Equals(last))
                {
                    observer.OnNext(current);
                    last = current;
                }

                if (isFinished(current))
                {
                    observer.OnCompleted();
                    return;
                }

                using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                poll.CancelAfter(PollInterval);
                try
                {
                    await changed.Reader.ReadAsync(poll.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Poll interval elapsed without a signal: look at the store anyway.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The subscriber went away.
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Watching {RunKind} {RunId} failed", runKind, runId);
            observer.OnError(exception);
        }
    }

    private sealed class Stopper(CancellationTokenSource stop) : IDisposable
    {
        // Not disposed: the watch loop may still be reading the token while it winds down.
        public void Dispose() => stop.Cancel();
    }
}
