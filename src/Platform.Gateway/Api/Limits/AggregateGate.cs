using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Platform.Domain.Errors;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Hosting;

namespace Platform.Gateway.Api.Limits;

/// <summary>
/// Bounds the whole-audience aggregates (audienceSummary, forecast, forecastCampaign, scoreShoppers, uplift audiences,
/// drift checks) of one tenant on this node (docs/api.md#rate-limiting). The rate limit counts requests, but one
/// aggregate can keep a core of PostgreSQL busy for as long as its audience takes, so a tenant within its limit could
/// still take a small node from every other tenant (docs/reliability.md#abuse-budget). Two bounds: turns (at most
/// <see cref="GraphQLLimitOptions.AggregatesPerTenant"/> at once; the next waits up to
/// <see cref="GraphQLLimitOptions.AggregateWait"/>) and time (an <see cref="AggregateBudget"/> of seconds per second).
/// Either refuses with RATE_LIMITED.
/// </summary>
public sealed class AggregateGate(IOptions<PlatformOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> turns = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AggregateBudget> budgets = new(StringComparer.Ordinal);

    public async Task<T> RunAsync<T>(string tenantId, Func<Task<T>> aggregate, CancellationToken cancellationToken)
    {
        var limits = options.Value.GraphQL;
        var budget = budgets.GetOrAdd(tenantId, _ => new AggregateBudget(limits.AggregateBurstSeconds, limits.AggregateSecondsPerSecond, clock.GetUtcNow()));
        RefuseWhileSpent(tenantId, budget, limits);
        var turn = turns.GetOrAdd(tenantId, _ => new SemaphoreSlim(limits.AggregatesPerTenant));
        if (!await turn.WaitAsync(limits.AggregateWait, cancellationToken))
        {
            throw ApiError.Refused(
                ErrorCodes.RateLimited,
                $"Tenant '{tenantId}' already runs {limits.AggregatesPerTenant} whole-audience aggregate(s) on this node, and this one did not get its turn within {limits.AggregateWait.TotalSeconds:0} s; retry when they have finished.");
        }

        var started = clock.GetTimestamp();
        try
        {
            RefuseWhileSpent(tenantId, budget, limits); // those it waited behind may have spent the budget
            return await aggregate();
        }
        finally
        {
            budget.Charge(clock.GetElapsedTime(started), clock.GetUtcNow());
            turn.Release();
        }
    }

    private void RefuseWhileSpent(string tenantId, AggregateBudget budget, GraphQLLimitOptions limits)
    {
        if (budget.WaitBeforeStart(clock.GetUtcNow()) is { } wait)
        {
            throw ApiError.RateLimited(
                $"Tenant '{tenantId}' has used its time for whole-audience aggregates on this node ({limits.AggregateSecondsPerSecond:0.##} s per second, up to {limits.AggregateBurstSeconds:0.##} s saved up); retry in {Math.Ceiling(wait.TotalSeconds):0} s.",
                wait);
        }
    }
}
