using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Platform.Domain.Errors;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Hosting;

namespace Platform.Gateway.Api.Limits;

/// <summary>
/// How many whole-audience aggregates (audienceSummary, forecast, forecastCampaign, scoreShoppers, uplift audiences,
/// drift checks) one tenant runs at once on this node (docs/api.md#rate-limiting). The rate limit counts requests, but
/// one aggregate can keep a core of PostgreSQL busy for as long as its audience takes, so a tenant within its limit
/// could still take a small node from every other tenant (docs/reliability.md#abuse-budget). The tenant's next
/// aggregates wait for their turn up to <see cref="GraphQLLimitOptions.AggregateWait"/>, then are refused with
/// RATE_LIMITED.
/// </summary>
public sealed class AggregateGate(IOptions<PlatformOptions> options)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    public async Task<T> RunAsync<T>(string tenantId, Func<Task<T>> aggregate, CancellationToken cancellationToken)
    {
        var limits = options.Value.GraphQL;
        var gate = gates.GetOrAdd(tenantId, _ => new SemaphoreSlim(limits.AggregatesPerTenant));
        if (!await gate.WaitAsync(limits.AggregateWait, cancellationToken))
        {
            throw ApiError.Refused(
                ErrorCodes.RateLimited,
                $"Tenant '{tenantId}' already runs {limits.AggregatesPerTenant} whole-audience aggregate(s) on this node, and this one did not get its turn within {limits.AggregateWait.TotalSeconds:0} s; retry when they have finished.");
        }

        try
        {
            return await aggregate();
        }
        finally
        {
            gate.Release();
        }
    }
}
