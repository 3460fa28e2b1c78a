using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Storage.Shoppers;

namespace Platform.Grains.Profiles;

/// <summary>
/// Collects the latest profile row of each shopper on this node and writes them to shoppers.profiles
/// every <see cref="Interval"/> in one statement per chunk. A shopper changed many times in between is
/// written once. Rows that fail to write are kept for the next round unless a newer one arrived.
/// </summary>
public sealed class ProjectionWriter(ProfileProjection projection, ILogger<ProjectionWriter> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    public const int ChunkSize = 2_000;

    private ConcurrentDictionary<(string Tenant, string User), ProfileRow> pending = new();

    public void Enqueue(ProfileRow row) => pending[(row.TenantId, row.UserId)] = row;

    /// <summary>Writes everything pending now (tests, shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var batch = Interlocked.Exchange(ref pending, new ConcurrentDictionary<(string, string), ProfileRow>());
        foreach (var chunk in batch.Values.Chunk(ChunkSize))
        {
            try
            {
                await projection.UpsertAsync(chunk, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Writing {Count} profile rows failed; they are retried", chunk.Length);
                foreach (var row in chunk)
                {
                    pending.TryAdd((row.TenantId, row.UserId), row);
                }
            }
        }
    }

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
