using Platform.Abstractions;
using Platform.Abstractions.Profiles;
using Platform.Abstractions.Tenants;
using Platform.Domain.Errors;
using Platform.Domain.Tenants;
using Platform.Gateway.Api.Arguments;
using Platform.Gateway.Api.Execution;
using Platform.Storage.Events;

namespace Platform.Gateway.Operations;

/// <summary>The operator's view and control of a tenant's feed partitions (docs/events.md#feed-partitions).</summary>
public sealed class TenantFeedService(IGrainFactory grains, FeedLayouts layouts, EventLog log, ILogger<TenantFeedService> logger)
{
    /// <summary>The tenant's feed, or null for a tenant that does not exist.</summary>
    public async Task<TenantFeed?> DescribeAsync(string tenantId, CancellationToken cancellationToken)
    {
        ApiError.ThrowIfAny([.. new[] { TenantIds.Check("tenantId", tenantId) }.OfType<Violation>()]);
        return await ExistsAsync(tenantId) ? await ReadAsync(tenantId, cancellationToken) : null;
    }

    public async Task<TenantFeed> SetPartitionsAsync(SetTenantFeedPartitionsInput input, CancellationToken cancellationToken)
    {
        ApiError.ThrowIfAny([.. new[]
        {
            TenantIds.Check("input.tenantId", input.TenantId),
            TenantSettingsRules.CheckFeedPartitions("input.partitions", input.Partitions),
        }.OfType<Violation>()]);
        if (!await ExistsAsync(input.TenantId))
        {
            throw ApiError.NotFound("tenant", input.TenantId);
        }

        var layout = await layouts.ChangeAsync(input.TenantId, input.Partitions, cancellationToken);
        logger.LogInformation("Feed of {TenantId}: generation {Generation}, {Partitions} partition(s) after {AfterSeq}",
            input.TenantId, layout.Generation, layout.Partitions, layout.AfterSeq);
        return await ReadAsync(input.TenantId, cancellationToken);
    }

    private async Task<bool> ExistsAsync(string tenantId) =>
        await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenantId)).GetAsync() is not null;

    private async Task<TenantFeed> ReadAsync(string tenantId, CancellationToken cancellationToken)
    {
        var layout = await layouts.CurrentAsync(tenantId, cancellationToken);
        var head = await log.HeadAsync(tenantId, cancellationToken);
        var partitions = await Task.WhenAll(Enumerable.Range(0, layout.Partitions).Select(p =>
            grains.GetGrain<ITenantFeedGrain>(GrainKeys.Feed(tenantId, layout.Generation, p)).StatusAsync()));
        return new TenantFeed(layout, head, partitions);
    }
}
