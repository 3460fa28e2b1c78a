using Platform.Abstractions;
using Platform.Abstractions.Tenants;
using Platform.Domain.Catalog;
using Platform.Domain.Events;
using Platform.Domain.Users;
using Platform.Gateway.Auth;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Api.Limits;
using Platform.Grains.Profiles;
using Platform.Ingestion;
using Platform.Storage.Users;

namespace Platform.Gateway.Operations;

/// <summary>The API side of data in: batch limits, tenant lookups, and the attribute schema.</summary>
public sealed class UserDataService(
    UserWrites writes, EventIngestion events, IngestLane lane, CampaignEventNotices notices, CatalogCache catalogCache, TenantDirectory tenants, IGrainFactory grains)
{
    public const int MaxBatch = EventRules.MaxBatch;

    public async Task<IngestOutcome> IngestEventsAsync(string tenantId, IReadOnlyList<EventDraft> drafts, CancellationToken cancellationToken)
    {
        RequireBatchSize("events", drafts.Count);
        var tenant = await TenantAsync(tenantId);
        var outcome = await lane.RunAsync(tenantId, drafts.Count, () => events.IngestAsync(tenant, drafts, cancellationToken), cancellationToken);
        return await notices.AddAsync(tenantId, outcome, cancellationToken);
    }

    public async Task<UpsertOutcome> UpsertUsersAsync(string tenantId, IReadOnlyList<UserDraft> drafts, CancellationToken cancellationToken)
    {
        RequireBatchSize("users", drafts.Count);
        var tenant = await TenantAsync(tenantId);
        return await writes.UpsertUsersAsync(tenantId, tenant.AttributeSchema, drafts, TagMerge.Replace, cancellationToken);
    }

    public async Task<UpsertOutcome> UpsertItemsAsync(string tenantId, IReadOnlyList<ItemDraft> drafts, CancellationToken cancellationToken)
    {
        RequireBatchSize("items", drafts.Count);
        var outcome = await writes.UpsertItemsAsync(tenantId, drafts, cancellationToken);
        catalogCache.Invalidate(tenantId);
        return outcome;
    }

    public async Task<TenantInfo> SetAttributeSchemaAsync(string tenantId, IReadOnlyList<AttributeDefinition> schema)
    {
        ApiError.ThrowIfAny(AttributeSchemaRules.Validate(schema));

        var tenant = await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenantId)).SetAttributeSchemaAsync(schema)
            ?? throw ApiError.NotFound("tenant", tenantId);
        tenants.Remember(tenant);
        return tenant;
    }

    private async Task<TenantInfo> TenantAsync(string tenantId) => await tenants.FindAsync(tenantId) ?? throw ApiError.NotFound("tenant", tenantId);

    private static void RequireBatchSize(string field, int count)
    {
        if (count > MaxBatch)
        {
            throw ApiError.Invalid(field, "too_many", $"{field} must hold at most {MaxBatch} entries per call.");
        }
    }
}
