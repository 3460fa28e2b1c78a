using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;
using Platform.Abstractions;
using Platform.Abstractions.Campaigns;
using Platform.Domain.Campaigns;
using Platform.Domain.Webhooks;
using Platform.Storage.Campaigns;

namespace Platform.Grains.Campaigns;

/// <summary>
/// Serializes every change of one campaign and keeps its stored row (the record of truth, read on
/// activation, written with a version check) in step. A reminder wakes the grain at the campaign's start
/// and end, so a scheduled campaign starts and a live one ends with no one calling; activation catches up
/// on a time that passed while the cluster was down.
/// </summary>
public sealed class CampaignGrain(
    CampaignStore store,
    CampaignOutcomeStore outcomes,
    CampaignChargeStore charges,
    KpiHistoryStore history,
    CampaignCache cache,
    WebhookDispatcher webhooks,
    IOptions<CampaignSettings> settings,
    TimeProvider clock,
    ILogger<CampaignGrain> logger) : Grain, ICampaignGrain, IRemindable
{
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(1);

    public const string ClockReminder = "clock";

    // Reminders far ahead are re-armed in steps: the reminder service's timers do not take very long delays.
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(7);
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromHours(1);

    private readonly ObserverManager<ICampaignKpiObserver> observers = new(SubscriptionLifetime, logger);
    private string tenantId = "";
    private string campaignId = "";
    private Campaign? campaign;
    private CampaignKpiUpdate? published;
    private DateTimeOffset publishedAt = DateTimeOffset.MinValue;
    private IGrainTimer? pendingPublish;
    private decimal? spent;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        tenantId = GrainKeys.TenantOf(key);
        campaignId = GrainKeys.CampaignIdOf(key);
        campaign = await store.GetAsync(tenantId, campaignId, cancellationToken);
        if (campaign is not null)
        {
            await FollowClockAsync();
        }
    }

    public async Task<CampaignResult> CreateAsync(CampaignDesign design)
    {
        if (campaign is not null)
        {
            return CampaignResult.Refused(CampaignResult.AlreadyExists, $"a campaign with id '{campaignId}' exists.");
        }

        if (CampaignDesignRules.Validate(design) is { Count: > 0 } violations)
        {
            return CampaignResult.Invalid(violations);
        }

        campaign = await store.InsertAsync(tenantId, CampaignLifecycle.Create(campaignId, design, clock.GetUtcNow()));
        return campaign is null
            ? CampaignResult.Refused(CampaignResult.AlreadyExists, $"a campaign with id '{campaignId}' exists.")
            : new CampaignResult(campaign);
    }

    public Task<CampaignResult> UpdateAsync(CampaignChanges changes)
    {
        if (campaign is null)
        {
            return Task.FromResult(Missing());
        }

        var design = changes.ApplyTo(campaign.Design);
        return CampaignDesignRules.Validate(design) is { Count: > 0 } violations
            ? Task.FromResult(CampaignResult.Invalid(violations))
            : ChangeAsync(current => CampaignLifecycle.Update(current, design, clock.GetUtcNow()));
    }

    public Task<CampaignResult> LaunchAsync() => ChangeAsync(current => CampaignLifecycle.Launch(current, clock.GetUtcNow()));

    public Task<CampaignResult> PauseAsync() => ChangeAsync(current => CampaignLifecycle.Pause(current, PauseReason.Merchant, clock.GetUtcNow()));

    public async Task<CampaignResult> ResumeAsync()
    {
        var discountGiven = await SpentAsync();
        return await ChangeAsync(current => CampaignLifecycle.Resume(current, discountGiven, clock.GetUtcNow()));
    }

    public async Task<bool> ChargeAsync(string eventId, decimal discount)
    {
        if (campaign?.Design.Budget is not { } budget)
        {
            return true;
        }

        var given = await SpentAsync();
        var (counted, isNew) = await charges.RecordAsync(tenantId, campaignId, eventId, discount, counted: given < budget);
        if (isNew && counted)
        {
            spent = given + discount;
        }

        if (spent >= budget && campaign.Status == CampaignStatus.Running)
        {
            try
            {
                logger.LogInformation("Campaign {CampaignKey} spent its budget of {Budget}: paused", this.GetPrimaryKeyString(), budget);
                await SaveAsync(CampaignLifecycle.Pause(campaign, PauseReason.BudgetSpent, clock.GetUtcNow()));
            }
            catch (Exception exception)
            {
                // The decision is stored and must reach the shopper's fold; the next charge pauses again.
                logger.LogWarning(exception, "Pausing campaign {CampaignKey} for its budget failed", this.GetPrimaryKeyString());
            }
        }

        return counted;
    }

    public Task<CampaignResult> EndAsync() => ChangeAsync(current => CampaignLifecycle.End(current, clock.GetUtcNow()));

    public Task OutcomesChangedAsync()
    {
        var wait = publishedAt + settings.Value.KpiUpdateInterval - clock.GetUtcNow();
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

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (campaign is null)
        {
            await ForgetReminderAsync();
            return;
        }

        await FollowClockAsync();
    }

    private async Task<CampaignResult> ChangeAsync(Func<Campaign, Campaign> change)
    {
        if (campaign is null)
        {
            return Missing();
        }

        Campaign next;
        try
        {
            // The clock first: a campaign past its start is running even if the reminder has not fired yet.
            next = change(CampaignLifecycle.FollowClock(campaign, clock.GetUtcNow()));
        }
        catch (CampaignChangeRefused refused)
        {
            return CampaignResult.Refused(refused.Code, refused.Message);
        }

        return await SaveAsync(next)
            ? new CampaignResult(campaign)
            : CampaignResult.Refused(CampaignResult.Conflict, "the campaign changed at the same moment elsewhere; read it again and retry.");
    }

    private async Task FollowClockAsync()
    {
        var next = CampaignLifecycle.FollowClock(campaign!, clock.GetUtcNow());
        if (next != campaign)
        {
            logger.LogInformation("Campaign {CampaignKey} is now {Status}", this.GetPrimaryKeyString(), next.Status);
            await SaveAsync(next);
        }
        else
        {
            await ScheduleAsync();
        }
    }

    /// <summary>Stores the change; false (and the stored campaign reloaded) when the row changed since it was read.</summary>
    private async Task<bool> SaveAsync(Campaign next)
    {
        var statusBefore = campaign?.Status;
        var saved = await store.UpdateAsync(tenantId, next);
        if (saved is null)
        {
            logger.LogWarning("Campaign {CampaignKey} changed outside its grain; reloaded", this.GetPrimaryKeyString());
            campaign = await store.GetAsync(tenantId, campaignId);
            return false;
        }

        campaign = saved;
        cache.Invalidate(tenantId);
        await ScheduleAsync();
        if (next.Status != statusBefore)
        {
            await PublishAsync(statusChanged: true);
        }

        return true;
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

        var (treatment, control) = await outcomes.TotalsAsync(tenantId, campaignId);
        var now = clock.GetUtcNow();
        var update = new CampaignKpiUpdate(campaignId, campaign.Status, now, CampaignKpis.From(treatment, control, campaign.Design.Budget));
        publishedAt = now;
        var kpisChanged = published?.Kpis != update.Kpis;
        if (!kpisChanged && !statusChanged)
        {
            return;
        }

        published = update;
        await history.RecordAsync(tenantId, campaignId, now, update.Kpis);
        await observers.Notify(observer => observer.OnKpisAsync(tenantId, update));
        if (statusChanged)
        {
            await webhooks.DispatchAsync(tenantId, WebhookEvent.CampaignStatus, update);
        }

        if (kpisChanged)
        {
            await webhooks.DispatchAsync(tenantId, WebhookEvent.CampaignKpis, update);
        }
    }

    /// <summary>Arms the reminder for the next time the campaign moves on by itself: its start or its end.</summary>
    private async Task ScheduleAsync()
    {
        DateTimeOffset? due = campaign!.Status switch
        {
            CampaignStatus.Scheduled => campaign.Design.StartsAt,
            CampaignStatus.Running or CampaignStatus.Paused => campaign.Design.EndsAt,
            _ => null,
        };
        if (due is null)
        {
            await ForgetReminderAsync();
            return;
        }

        var wait = due.Value - clock.GetUtcNow();
        wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestWait ? LongestWait : wait;
        await this.RegisterOrUpdateReminder(ClockReminder, wait, ReminderPeriod);
    }

    private async Task ForgetReminderAsync()
    {
        if (await this.GetReminder(ClockReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task<decimal> SpentAsync() => spent ??= await charges.SpentAsync(tenantId, campaignId);

    private CampaignResult Missing() => CampaignResult.Refused(CampaignResult.NotFound, $"no campaign with id '{campaignId}'.");
}
