using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Platform.Gateway.Hosting;

namespace Platform.Gateway.Api.Limits;

/// <summary>
/// Bulk ingest of one tenant takes turns on a node (docs/events.md#bulk-batches-take-turns): at most
/// <see cref="GraphQLLimitOptions.BulkIngestsPerTenant"/> batches of more than <see cref="SmallBatch"/> events are stored
/// and handed to the feed at once; the next waits, without a time limit of its own, until one of them is done. A tenant's
/// appends take turns in the database anyway (each holds the tenant's log head until its commit), so more at once did not
/// store more, but their folding work filled the node's thread pool ahead of every storefront request
/// (docs/benchmarks.md, "evidence: reads beside ingest"). Smaller batches (a storefront's events) never wait here.
/// </summary>
public sealed class IngestLane(IOptions<PlatformOptions> options)
{
    public const int SmallBatch = 100;

    private readonly ConcurrentDictionary<string, SemaphoreSlim> turns = new(StringComparer.Ordinal);

    public async Task<T> RunAsync<T>(string tenantId, int events, Func<Task<T>> ingest, CancellationToken cancellationToken)
    {
        if (events <= SmallBatch)
        {
            return await ingest();
        }

        var turn = turns.GetOrAdd(tenantId, _ => new SemaphoreSlim(options.Value.GraphQL.BulkIngestsPerTenant));
        await turn.WaitAsync(cancellationToken);
        try
        {
            return await ingest();
        }
        finally
        {
            turn.Release();
        }
    }
}
