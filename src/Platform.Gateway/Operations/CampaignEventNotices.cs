using Platform.Domain.Campaigns;
using Platform.Grains.Campaigns;
using Platform.Ingestion;
using Platform.Storage.Campaigns;

namespace Platform.Gateway.Operations;

/// <summary>Adds to each accepted campaign event the reason it will count for no campaign, if there is one (<see cref="CampaignNotices"/>).</summary>
public sealed class CampaignEventNotices(CampaignCache cache, CampaignStore store, TimeProvider clock)
{
    public async Task<IngestOutcome> AddAsync(string tenantId, IngestOutcome outcome, CancellationToken cancellationToken)
    {
        var named = outcome.Results.Where(r => r.Stored is { CampaignId: not null } e && CampaignAttribution.IsCampaignEvent(e.Type)).ToList();
        if (named.Count == 0)
        {
            return outcome;
        }

        var counting = await cache.GetAsync(tenantId);
        if (named.Any(r => !Counts(counting, r)))
        {
            counting = await cache.GetFreshAsync(tenantId, clock.GetUtcNow()); // launched a moment ago on another node?
        }

        // Campaigns events cannot count for (drafts, imported, long ended, unknown): one query for all of them.
        var missing = named.Where(r => !Counts(counting, r)).Select(r => r.Stored!.CampaignId!).Distinct().ToList();
        var found = (await store.GetManyAsync(tenantId, missing, cancellationToken)).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var others = missing.ToDictionary(id => id, id => counting.GetValueOrDefault(id) ?? found.GetValueOrDefault(id), StringComparer.Ordinal);

        return new IngestOutcome(outcome.Results.Select(r =>
            r.Stored is { CampaignId: { } id } e && others.TryGetValue(id, out var campaign) && CampaignNotices.For(e, campaign) is { } notice
                ? r with { Notices = [notice] }
                : r).ToList());
    }

    private static bool Counts(IReadOnlyDictionary<string, Campaign> counting, IngestItemResult result) =>
        counting.TryGetValue(result.Stored!.CampaignId!, out var campaign) && CampaignAttribution.IsLive(campaign, result.Stored.OccurredAt);
}
