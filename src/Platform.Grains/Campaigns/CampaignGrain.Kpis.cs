using Microsoft.Extensions.Logging;
using Platform.Abstractions.Campaigns;
using Platform.Domain.Campaigns;
using Platform.Domain.Webhooks;

namespace Platform.Grains.Campaigns;

/// <summary>KPIs: recomputed from the outcome rows at most once per interval, recorded per hour, pushed to subscribed nodes and webhooks.</summary>
public sealed partial class CampaignGrain
{
    public Task OutcomesChangedAsync()
    {
        var wait = nextUpdateAt - clock.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            return PublishAsync();
        }

        // Within the interval since the last update: one update at its end covers every change until then.
        pendingPublish ??= this.RegisterGrainTimer(async _ =>
        {
            pendingPublish?.Dispose();
            pendingPublish = null;
            await PublishAsync();
        }, wait, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public Task SubscribeAsync(ICampaignKpiObserver observer)
    {
        observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(ICampaignKpiObserver observer)
    {
        observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <summary>Recomputes the KPIs from the outcome rows; when they or the status changed, records the hour and tells the subscribed nodes.</summary>
    private async Task PublishAsync(bool statusChanged = false)
    {
        try
        {
            await TryPublishAsync(statusChanged);
        }
        catch (Exception exception)
        {
            // KPIs are computed again at the next change or poll; a failure here must not fail the change that caused it.
            logger.LogWarning(exception, "Publishing the KPIs of campaign {CampaignKey} failed", this.GetPrimaryKeyString());
        }
    }

    private async Task TryPublishAsync(bool statusChanged)
    {
        if (campaign is null)
        {
            return;
        }

        var started = clock.GetUtcNow();
        var sides = await outcomes.TotalsAsync(tenantId, campaign);
        var now = clock.GetUtcNow();
        var update = new CampaignKpiUpdate(campaignId, campaign.Status, now, sides.Kpis(campaign.Design));
        nextUpdateAt = now + settings.Value.WaitAfterUpdate(now - started);
        var kpisChanged = published?.Kpis != update.Kpis;
        if (!kpisChanged && !statusChanged)
        {
            return;
        }

        await history.RecordAsync(tenantId, campaignId, now, update.Kpis);
        if (await NewAlertAsync(now) is { } alert)
        {
            update = update with { Alert = alert };
        }

        published = update;
        await observers.Notify(observer => observer.OnKpisAsync(tenantId, update));
        if (statusChanged)
        {
            await webhooks.DispatchAsync(tenantId, WebhookEvent.CampaignStatus, update);
        }

        if (kpisChanged)
        {
            await webhooks.DispatchAsync(tenantId, WebhookEvent.CampaignKpis, update);
        }

        if (update.Alert is not null)
        {
            await webhooks.DispatchAsync(tenantId, WebhookEvent.CampaignAlert, update);
        }
    }

    /// <summary>
    /// Checks the campaign against its launch forecast, at most once per <see cref="CampaignSettings.TrackingInterval"/>;
    /// an alert the campaign has not announced yet (for this run of hours outside the band) is returned, once.
    /// </summary>
    private async Task<Domain.Decisions.TrackingAlert?> NewAlertAsync(DateTimeOffset now)
    {
        if (campaign?.LaunchedAt is null || now - trackedAt < settings.Value.TrackingInterval)
        {
            return null;
        }

        trackedAt = now;
        try
        {
            var tracked = await tracking.TrackAsync(tenantId, campaign, now, settings.Value.AlertAfterHours);
            if (Domain.Decisions.ForecastTracking.AlertOf(tracked) is not { } alert)
            {
                return null;
            }

            // A run that began before the hours read (the latest 7 days) shows the first of them as its start.
            var startsBeforeWindow = tracked!.Points[0].At == alert.Since;
            return await launchForecasts.MarkAlertedAsync(tenantId, campaignId, alert.Since, startsBeforeWindow) ? alert : null;
        }
        catch (Exception exception)
        {
            // The KPI update goes out without the check; the next one checks again.
            logger.LogWarning(exception, "Checking campaign {CampaignId} of tenant {TenantId} against its forecast failed", campaignId, tenantId);
            return null;
        }
    }
}
