using Platform.Abstractions.Tenants;
using Platform.Domain.Audiences;
using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Domain.Modeling;
using Platform.Domain.Profiles;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Auth;
using Platform.Gateway.Serving;
using Platform.ML.Uplift;
using Platform.Storage.Audiences;
using Platform.Storage.Campaigns;

namespace Platform.Gateway.Operations;

/// <summary>A forecast, the drivers behind it, and the design it is of (for the holdout plans: docs/measurement.md).</summary>
public sealed record ForecastResult(Guid ModelVersionId, CampaignForecast Forecast, IReadOnlyList<string> Drivers, CampaignDesign Design);

/// <summary>
/// What-if forecasts (docs/forecasts.md): a design — saved or not — run on an audience by the tenant's ACTIVE uplift
/// version, summed user by user with intervals, capped by the budget.
/// </summary>
public sealed class ForecastService(
    ScoringTargets targets, UpliftAudiences upliftAudiences, AudienceFeatures audiences, ActiveModels<UpliftModel> models, TenantDirectory tenants, CampaignForecastStore launched,
    TimeProvider clock, ILogger<ForecastService> logger)
{
    /// <summary>
    /// Keeps the forecast a campaign is launched with, to track it against (docs/forecasts.md#forecast-against-actual).
    /// Without an ACTIVE UPLIFT version, or with an audience too large to score, the campaign has none (logged).
    /// </summary>
    public async Task RecordAtLaunchAsync(string tenantId, Campaign campaign, bool replace, CancellationToken cancellationToken)
    {
        try
        {
            var result = await ForecastAsync(tenantId, campaign.Id, null, null, null, cancellationToken);
            await launched.SaveAsync(tenantId, campaign.Id, new StoredForecast(result.ModelVersionId, result.Forecast, result.Drivers, clock.GetUtcNow()), replace, result.Design, cancellationToken);
        }
        catch (ApiError e)
        {
            logger.LogInformation("Campaign {CampaignId} of tenant {TenantId} launched without a forecast: {Reason}", campaign.Id, tenantId, e.Message);
        }
    }

    /// <summary>A design given whole (<paramref name="design"/>) or a saved campaign (<paramref name="campaignId"/>, argument <c>id</c>).</summary>
    public async Task<ForecastResult> ForecastAsync(
        string tenantId, string? campaignId, CampaignDesign? design, Audience? audience, decimal? budget, CancellationToken cancellationToken)
    {
        var target = await targets.ResolveAsync(tenantId, campaignId, design, audience, budget, cancellationToken, campaignArgument: "id");
        using var lease = await models.RequireAsync(tenantId, cancellationToken);
        var picked = await upliftAudiences.ResolveAsync(tenantId, target, lease, cancellationToken);
        await targets.RequireReadableAsync(tenantId, picked, cancellationToken);
        var model = lease.Model;
        var tenant = await tenants.FindAsync(tenantId);
        var marginRate = tenant?.Settings.MarginRate ?? TenantSettings.DefaultMarginRate;
        var settings = ProfileSettings.WithHalfLifeDays(tenant?.Settings.AffinityHalfLifeDays ?? TenantSettings.Default.AffinityHalfLifeDays);
        var warnings = ForecastWarnings.Of(target.Design, model);
        var accumulator = new ForecastAccumulator(model.Members.Count, target.Design, marginRate, model.Value.Variance, 1 - target.Design.HoldoutShare, model.Value.OrdersPerConverter)
        {
            Widening = DesignCoverage.IsOutside(target.Design, model.Designs) ? DesignCoverage.Widening : 1,
        };
        var sample = new DriverSample();
        var offer = new Offer(target.Design, target.CampaignId);
        // Each batch is encoded on the reading side, so that encoding overlaps scoring the batch before it.
        // In no particular order: nothing below depends on it but the rounding of sums, and the database starts sending at
        // once instead of sorting the audience first.
        var batches = audiences.ReadAsync(
            tenantId, picked, clock.GetUtcNow(), settings, batch => (Members: batch, Encoded: OfferScoring.Encode(model, batch.Select(m => m.Features).ToList(), offer)),
            AudienceOrder.Any, cancellationToken);
        await foreach (var (batch, encoded) in batches)
        {
            var predictions = OfferScoring.Predict(model, encoded, offer);
            for (var i = 0; i < batch.Count; i++)
            {
                accumulator.Add(predictions.Responses(i), batch[i].Segment ?? "none");
            }

            foreach (var member in batch)
            {
                sample.Offer(member.UserId, member.Features);
            }
        }

        var drivers = OfferScoring.Drivers(model, sample.Users(), offer, model.Value.DefaultObjective, marginRate);
        var forecast = accumulator.Result(target.Budget, warnings);
        // Without order values the revenue is unknown: an ROI of the contacts' cost alone (−1) would read as an estimate.
        return new ForecastResult(lease.VersionId, model.Value.Learned ? forecast : forecast with { Roi = null }, drivers, target.Design);
    }
}
