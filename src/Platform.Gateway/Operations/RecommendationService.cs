using System.Globalization;
using Platform.Domain.Audiences;
using Platform.Domain;
using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Domain.Events;
using Platform.Domain.Modeling;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Auth;
using Platform.Gateway.Serving;
using Platform.Grains.Campaigns;
using Platform.ML.Uplift;

namespace Platform.Gateway.Operations;

/// <summary>A campaign recommended to a user: its rank, its score for the objective and, with a model, the value breakdown and reasons.</summary>
public sealed record Recommendation(Campaign Campaign, int Rank, double Score, OfferValue? Value, IReadOnlyList<string> Reasons);

/// <summary>
/// What a user should be shown: the recommended campaigns, the model version that ranked them (or the rule-based
/// fallback), the campaigns the user's holdout withheld, and how many exposures were recorded.
/// </summary>
public sealed record Recommendations(
    string UserId, Objective Objective, Guid? ModelVersionId, IReadOnlyList<Recommendation> Items, IReadOnlyList<string> Withheld, int ExposuresRecorded)
{
    public bool Fallback => ModelVersionId is null;
}

/// <summary>
/// Ranks the RUNNING campaigns a user may be shown by expected incremental value, from the live profile
/// (docs/recommendations.md): targeting as enrollment applies it, the holdout withheld and recorded, the tenant's ACTIVE
/// uplift version (one version per request) or the rule-based fallback.
/// </summary>
public sealed class RecommendationService(CampaignCache campaigns, UserSnapshots snapshots, ActiveModels<UpliftModel> models, TenantDirectory tenants, UserDataService data, TimeProvider clock)
{
    public const int DefaultFirst = 5;
    public const int MaxFirst = 20;

    public async Task<Recommendations> RecommendAsync(
        string tenantId, string userId, int? first, Objective? asked, bool recordExposure, CancellationToken cancellationToken)
    {
        ApiError.RequireId("userId", userId);
        var count = first ?? DefaultFirst;
        if (count is < 1 or > MaxFirst)
        {
            throw ApiError.Invalid("first", "out_of_range", $"first must be between 1 and {MaxFirst}.");
        }

        var now = clock.GetUtcNow();
        var live = (await campaigns.GetAsync(tenantId)).Values.Where(c => CampaignAttribution.IsLive(c, now)).ToList();
        var user = (await snapshots.LoadAsync(tenantId, [userId], SnapshotParts.For(live.Select(c => c.Design.Audience)), cancellationToken))[0];
        var eligible = live.Where(c => CampaignTargeting.Check(c, userId, user.Snapshot, now) is null).ToList();
        using var lease = await models.AcquireAsync(tenantId, cancellationToken);
        var features = TrainingFeatures.Merge(null, EnrollmentFeatures.Of(user.Snapshot.View, now), user.Snapshot.Attributes);
        var marginRate = (await tenants.FindAsync(tenantId))?.Settings.MarginRate ?? Abstractions.Tenants.TenantSettings.DefaultMarginRate;
        var objective = asked ?? lease?.Model.Value.DefaultObjective ?? Objective.IncrementalMargin;
        var ranked = lease is null
            ? FallbackRanking.Rank(eligible, user.Snapshot.View).Select(r => (r.Campaign, r.Match, Value: (OfferValue?)null)).ToList()
            : Rank(lease.Model, features, eligible, objective, marginRate);

        // The holdout: a campaign the user would have been shown is withheld (it takes no place) and, with recordExposure, recorded.
        var shown = new List<(Campaign Campaign, double Score, OfferValue? Value)>();
        var withheld = new List<Campaign>();
        foreach (var candidate in ranked)
        {
            if (shown.Count == count)
            {
                break;
            }

            if (HoldoutAssignment.Assign(tenantId, candidate.Campaign.Id, userId, candidate.Campaign.Design.HoldoutShare) == CampaignArm.Control)
            {
                withheld.Add(candidate.Campaign);
            }
            else
            {
                shown.Add(candidate);
            }
        }

        var reasons = lease is null
            ? shown.Select(s => (IReadOnlyList<string>)[FallbackRanking.Reason(s.Campaign.Design, user.Snapshot.View)]).ToList()
            : OfferScoring.Reasons(lease.Model, features, shown.Select(s => new Offer(s.Campaign.Design, s.Campaign.Id)).ToList(), objective, marginRate);
        var items = shown.Select((s, i) => new Recommendation(s.Campaign, i + 1, s.Score, s.Value, reasons[i])).ToList();
        var recorded = recordExposure ? await RecordExposuresAsync(tenantId, userId, shown.Select(s => s.Campaign).Concat(withheld), now, cancellationToken) : 0;
        return new Recommendations(userId, objective, lease?.VersionId, items, withheld.Select(c => c.Id).ToList(), recorded);
    }

    private static List<(Campaign Campaign, double Score, OfferValue? Value)> Rank(
        UpliftModel model, IReadOnlyDictionary<string, FeatureValue> features, IReadOnlyList<Campaign> eligible, Objective objective, double marginRate)
    {
        var values = OfferScoring.Value(model, features, eligible.Select(c => new Offer(c.Design, c.Id)).ToList(), objective, marginRate);
        return eligible.Select((c, i) => (Campaign: c, Score: values[i].Score.Value, Value: (OfferValue?)values[i]))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Campaign.Id, StringComparer.Ordinal).ToList();
    }

    // One CAMPAIGN_EXPOSURE per campaign shown or withheld, through the ingest path (read-your-writes, as ingestEvents).
    private async Task<int> RecordExposuresAsync(string tenantId, string userId, IEnumerable<Campaign> exposed, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var request = Guid.NewGuid().ToString("N");
        var occurredAt = at.ToString("O", CultureInfo.InvariantCulture);
        var drafts = exposed.Select((c, i) => new EventDraft($"rec-{request}-{i}", userId, WireNames.ToWire(EventType.CampaignExposure), occurredAt, CampaignId: c.Id)).ToList();
        return drafts.Count == 0 ? 0 : (await data.IngestEventsAsync(tenantId, drafts, cancellationToken)).Accepted;
    }
}
