using Platform.Domain.Decisions;
using Platform.Domain.Errors;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Serving;
using Platform.ML.Uplift;
using Platform.Storage.Campaigns;

namespace Platform.Gateway.Operations;

/// <summary>
/// optimizeCampaign and campaignOptimization (docs/forecasts.md#optimizer): checks a search whole — every broken rule, the
/// audience size, an ACTIVE UPLIFT version — before it is queued, so a started search fails only for what could not be
/// known in advance.
/// </summary>
public sealed class OptimizationService(OptimizationStore store, ScoringTargets targets, ActiveModels<UpliftModel> models, OptimizationRunner runner)
{
    public async Task<OptimizationRecord> StartAsync(string tenantId, DesignSearch search, CancellationToken cancellationToken)
    {
        ApiError.ThrowIfAny(search.Validate());
        await targets.RequireReadableAsync(tenantId, search.AudienceOrBase, cancellationToken);
        using (var lease = await models.RequireAsync(tenantId, cancellationToken))
        {
            OptimizationRunner.RequireOrderValues(lease.Model); // held only to refuse a search no model can run or judge
        }

        var id = Guid.NewGuid();
        if (!await store.TryCreateAsync(tenantId, id, search.Candidates().Count, cancellationToken))
        {
            throw ApiError.Refused(
                ErrorCodes.LimitReached,
                $"A tenant has at most {OptimizationStore.MaxUnfinishedPerTenant} searches queued or running; wait for one to finish (campaignOptimization or optimizationProgress).");
        }

        runner.Start(tenantId, id, search);
        return (await store.FindAsync(tenantId, id, cancellationToken))!;
    }

    public async Task<OptimizationRecord?> FindAsync(string tenantId, string id, CancellationToken cancellationToken) =>
        await store.FindAsync(tenantId, ApiError.RequireUuid("id", id, "optimizeCampaign"), cancellationToken);
}
