using Platform.Domain.Campaigns;
using Platform.Storage;
using Platform.Storage.Campaigns;

namespace Platform.Grains.Campaigns;

/// <summary>
/// Each node keeps the campaigns that events can count for (<see cref="CampaignStore.ListCountingAsync"/>) in
/// memory for profile folding. A change made on this node invalidates the copy; a user's batch that
/// names a campaign the copy does not count asks for a copy loaded after the batch arrived (at most one
/// reload per tenant every <see cref="MinReloadGap"/>), so a launch on another node is seen by the next events.
/// </summary>
public sealed class CampaignCache
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MinReloadGap = TimeSpan.FromMilliseconds(250);

    private readonly TenantCache<Copy> copies;

    public CampaignCache(CampaignStore store, TimeProvider clock)
    {
        copies = new TenantCache<Copy>(async (tenantId, cancellationToken) =>
        {
            var loadedAt = clock.GetUtcNow();
            return new Copy(await store.ListCountingAsync(tenantId, cancellationToken), loadedAt);
        }, MaxAge, clock);
    }

    public async Task<IReadOnlyDictionary<string, Campaign>> GetAsync(string tenantId) => (await copies.GetAsync(tenantId)).Campaigns;

    /// <summary>A copy loaded no earlier than <see cref="MinReloadGap"/> before <paramref name="after"/>.</summary>
    public async Task<IReadOnlyDictionary<string, Campaign>> GetFreshAsync(string tenantId, DateTimeOffset after)
    {
        var copy = await copies.GetAsync(tenantId);
        if (copy.LoadedAt >= after - MinReloadGap)
        {
            return copy.Campaigns;
        }

        copies.Invalidate(tenantId);
        return (await copies.GetAsync(tenantId)).Campaigns;
    }

    public void Invalidate(string tenantId) => copies.Invalidate(tenantId);

    private sealed record Copy(IReadOnlyDictionary<string, Campaign> Campaigns, DateTimeOffset LoadedAt);
}
