using Platform.Domain.Campaigns;
using Platform.Domain.Decisions;

namespace Platform.Storage.Campaigns;

/// <summary>
/// A launched campaign's hours of the latest <see cref="Days"/> days against its launch forecast
/// (docs/forecasts.md#forecast-against-actual): what campaign.tracking shows and what the campaign's grain alerts on.
/// </summary>
public sealed class CampaignTrackingReader(CampaignForecastStore forecasts, KpiHistoryStore history)
{
    public const int Days = 7;

    /// <summary>Null for a campaign without a launch forecast.</summary>
    /// <param name="alertAfterHours">How many of the latest hours outside the band raise the alert (Platform:Campaigns:AlertAfterHours).</param>
    public async Task<CampaignTracking?> TrackAsync(string tenantId, Campaign campaign, DateTimeOffset now, int alertAfterHours, CancellationToken cancellationToken = default)
    {
        if (campaign.LaunchedAt is not { } launchedAt || await forecasts.FindAsync(tenantId, campaign.Id, cancellationToken) is not { } launched)
        {
            return null;
        }

        var start = launchedAt > campaign.Design.StartsAt ? launchedAt : campaign.Design.StartsAt;
        var from = now.AddDays(-Days) > start ? now.AddDays(-Days) : start;
        var hours = await history.ReadAsync(tenantId, campaign.Id, from, now.AddHours(1), cancellationToken);
        return ForecastTracking.Track(
            launched.Forecast, campaign.Design, start, hours.Select(h => MeasuredHour.Of(h.At.AddHours(1) < now ? h.At.AddHours(1) : now, h.Kpis)).ToList(), alertAfterHours);
    }
}
