using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Grains.Writing;

/// <summary>
/// Collects the latest row per key on this node and writes them every <see cref="Interval"/> in one statement
/// per chunk: a key changed many times in between is written once. Rows that fail to write are kept for the
/// next round unless a newer one arrived.
/// </summary>
public abstract class LatestRowWriter<TKey, TRow>(ILogger logger) : BackgroundService
    where TKey : notnull
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    public const int ChunkSize = 2_000;

    private ConcurrentDictionary<TKey, TRow> pending = new();

    public void Enqueue(TRow row) => pending[KeyOf(row)] = row;

    /// <summary>Writes everything pending now (tests, shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var batch = Interlocked.Exchange(ref pending, new ConcurrentDictionary<TKey, TRow>());
        foreach (var chunk in batch.Values.Chunk(ChunkSize))
        {
            try
            {
                await WriteAsync(chunk, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Writing {Count} {Rows} failed; they are retried", chunk.Length, typeof(TRow).Name);
                foreach (var row in chunk)
                {
                    pending.TryAdd(KeyOf(row), row);
                }
            }
        }
    }

    protected abstract TKey KeyOf(TRow row);

    protected abstract Task WriteAsync(IReadOnlyList<TRow> rows, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: the final flush follows.
        }

        await FlushAsync(CancellationToken.None);
    }
}
