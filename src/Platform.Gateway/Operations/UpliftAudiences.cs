using Platform.Abstractions.Tenants;
using Platform.Domain.Audiences;
using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Domain.Profiles;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Auth;
using Platform.Gateway.Serving;
using Platform.ML.Uplift;
using Platform.Storage.Audiences;
using Platform.Storage.Campaigns;

namespace Platform.Gateway.Operations;

/// <summary>
/// Turns an uplift audience into the users it picks (docs/audiences.md#uplift-audiences): every user of its <c>among</c>
/// audience (at most <see cref="Hosting.DecisionOptions.MaxAudienceUsers"/>) is scored under the design by the ACTIVE uplift version —
/// the ensemble's mean expected incremental margin (or conversion uplift, for TOP_UPLIFT_PERCENT), as scoreShoppers gives
/// it — and the targeting keeps those above 0 or the top k%. A launched campaign's own uplift audience is the list frozen at its launch. Other audiences pass through.
/// </summary>
public sealed class UpliftAudiences(
    ScoringTargets targets, CampaignStore campaigns, CampaignAudienceStore frozen, AudienceFeatures audiences, ActiveModels<UpliftModel> models,
    TenantDirectory tenants, TimeProvider clock)
{
    /// <summary>A forecast's or scoreShoppers' audience, picked by the version serving the request.</summary>
    public async Task<Audience> ResolveAsync(string tenantId, ScoringTarget target, ModelLease<UpliftModel> lease, CancellationToken cancellationToken)
    {
        if (target.Audience.Uplift is not { } uplift)
        {
            return target.Audience;
        }

        if (target is { LaunchedOwnAudience: true, CampaignId: { } id })
        {
            return new Audience(UserIds: await frozen.PicksAsync(tenantId, id, cancellationToken));
        }

        return await PickAsync(tenantId, uplift, (target.Design, target.CampaignId), lease.Model, "audience", cancellationToken);
    }

    /// <summary>An audience given on its own (users, audienceSummary): an uplift one must name its campaign.</summary>
    public async Task<Audience> ResolveAsync(string tenantId, Audience audience, CancellationToken cancellationToken, string path = "audience")
    {
        if (audience.Uplift is not { } uplift)
        {
            return audience;
        }

        if (uplift.CampaignId is null)
        {
            throw ApiError.Invalid($"{path}.uplift.campaignId", "required", $"{path}.uplift.campaignId is required here: name the campaign whose design picks the users.");
        }

        using var lease = await models.RequireAsync(tenantId, cancellationToken);
        return await PickAsync(tenantId, uplift, given: null, lease.Model, path, cancellationToken);
    }

    /// <summary>Forgets what a campaign's uplift audience picked: its launch was refused, or its audience is no longer one.</summary>
    public Task ThawAsync(string tenantId, string campaignId) => frozen.ThawAsync(tenantId, campaignId);

    /// <summary>Freezes a campaign's own uplift audience before it launches; returns how it was frozen.</summary>
    public async Task<AudienceFreeze> FreezeAsync(string tenantId, Campaign campaign, CancellationToken cancellationToken)
    {
        using var lease = await models.RequireAsync(tenantId, cancellationToken);
        var picked = await PickAsync(tenantId, campaign.Design.Audience!.Uplift!, (campaign.Design, campaign.Id), lease.Model, "audience", cancellationToken);
        var freeze = new AudienceFreeze(lease.VersionId, picked.UserIds!.Count, clock.GetUtcNow());
        await frozen.FreezeAsync(tenantId, campaign.Id, picked.UserIds, freeze, cancellationToken);
        return freeze;
    }

    private async Task<Audience> PickAsync(
        string tenantId, UpliftSelection uplift, (CampaignDesign Design, string? CampaignId)? given, UpliftModel model, string path, CancellationToken cancellationToken)
    {
        var (design, campaignId) = uplift.CampaignId is { } id
            ? await campaigns.GetAsync(tenantId, id, cancellationToken) is { } campaign
                ? (campaign.Design, campaign.Id)
                : throw ApiError.NotFound("campaign", id)
            : given!.Value;
        if (!model.Value.Learned && uplift.Targeting.RankedBy == Objective.IncrementalMargin)
        {
            throw ApiError.Invalid($"{path}.uplift.keep", "not_applicable", $"{path}.uplift.keep ranks by margin, which the ACTIVE version cannot tell: it has no order values (its experiments recorded no revenue). Keep TOP_UPLIFT_PERCENT, or import revenue and retrain.");
        }

        var among = uplift.Among ?? new Audience(All: true);
        await targets.RequireReadableAsync(tenantId, among, cancellationToken, $"{path}.uplift.among");
        var tenant = await tenants.FindAsync(tenantId);
        var marginRate = tenant?.Settings.MarginRate ?? TenantSettings.DefaultMarginRate;
        var settings = ProfileSettings.WithHalfLifeDays(tenant?.Settings.AffinityHalfLifeDays ?? TenantSettings.Default.AffinityHalfLifeDays);
        var offer = new Offer(design, campaignId);
        var (users, scores, targeting) = (new List<string>(), new List<float>(), uplift.Targeting);
        await foreach (var batch in audiences.ReadAsync(tenantId, among, clock.GetUtcNow(), settings, cancellationToken))
        {
            var predictions = OfferScoring.Predict(model, batch.Select(m => m.Features).ToList(), offer);
            for (var i = 0; i < batch.Count; i++)
            {
                users.Add(batch[i].UserId);
                var value = OfferValuation.Value(predictions.Responses(i), design, targeting.RankedBy, marginRate);
                scores.Add((float)DesignTargeting.Figure(targeting.RankedBy, value));
            }
        }

        var picked = targeting.Select(scores)!;
        return new Audience(UserIds: users.Where((_, i) => picked[i]).ToList());
    }
}
