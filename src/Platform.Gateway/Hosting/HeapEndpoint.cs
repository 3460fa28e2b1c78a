using Orleans.Runtime;
using Platform.Domain.Errors;
using Platform.Gateway.Api.Transport;
using Platform.Gateway.Auth;

namespace Platform.Gateway.Hosting;

/// <summary>
/// POST /operator/heap (system key only): this node's live managed heap after full blocking collections, and the grain
/// activations its silo holds, by grain type. What `bench ingest` divides to get memory per active profile: garbage and
/// other nodes cannot move either figure. It stops this node's threads for the collections, so no tenant key may call it,
/// and one call runs at a time (another meanwhile gets 429).
/// </summary>
public sealed class HeapEndpoint(ApiKeyAuthenticator authenticator, IGrainFactory grains, ILocalSiloDetails silo)
{
    public const string Path = "/operator/heap";

    // The CLI's NodeHeap reads this shape.
    public sealed record Answer(long LiveHeapBytes, IReadOnlyDictionary<string, int> Activations);

    private static readonly SemaphoreSlim OneAtATime = new(1);

    public async Task HandleAsync(HttpContext context)
    {
        var (caller, _) = await authenticator.AuthenticateAsync(context.Request.Headers[GraphQLHttpEndpoint.ApiKeyHeader], context.RequestAborted);
        if (caller is not { IsSystem: true })
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, "The heap figures need the system key.");
            return;
        }

        if (!await OneAtATime.WaitAsync(TimeSpan.Zero))
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, "Another heap reading is running on this node.");
            return;
        }

        long liveHeap;
        try
        {
            // Twice: objects with finalizers are freed only by the collection after their finalizer ran.
            for (var i = 0; i < 2; i++)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
                GC.WaitForPendingFinalizers();
            }

            liveHeap = GC.GetTotalMemory(forceFullCollection: false);
        }
        finally
        {
            OneAtATime.Release();
        }

        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics([silo.SiloAddress]);
        var activations = statistics
            .GroupBy(s => s.GrainType, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount), StringComparer.Ordinal);
        await context.Response.WriteAsJsonAsync(new Answer(liveHeap, activations), context.RequestAborted);
    }
}
