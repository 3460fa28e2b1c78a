using Platform.Abstractions.Tenants;
using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;
using Platform.Gateway.Auth;
using Platform.Storage.Campaigns;

namespace Platform.Gateway.Operations;

/// <summary>
/// modelVersion.backtest (docs/forecasts.md#back-tests): each ended campaign with a holdout that an UPLIFT version made the
/// launch forecast of, against what its holdout measured, read from the outcome rows as they stand.
/// </summary>
public sealed class BacktestService(CampaignForecastStore forecasts, CampaignStore campaigns, CampaignOutcomeStore outcomes, TenantDirectory tenants, TimeProvider clock)
{
    /// <summary>The most campaigns one read back-tests (the latest ended).</summary>
    public const int MaxCampaigns = 50;

    public async Task<ModelBacktest> ForVersionAsync(string tenantId, Guid versionId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var marginRate = (await tenants.FindAsync(tenantId))?.Settings.MarginRate ?? TenantSettings.DefaultMarginRate;
        var tested = new List<CampaignBacktest>();
        foreach (var (campaignId, launched) in await forecasts.EndedByVersionAsync(tenantId, versionId, MaxCampaigns, cancellationToken))
        {
            if (await campaigns.GetAsync(tenantId, campaignId, cancellationToken) is not { } campaign)
            {
                continue;
            }

            var sides = await outcomes.TotalsAsync(tenantId, campaign, cancellationToken);
            tested.Add(ForecastBacktest.Of(campaign, launched.Forecast, sides.Kpis(campaign.Design), marginRate, now));
        }

        return ForecastBacktest.Summarize(tested);
    }
}
