using Platform.Domain.Errors;
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
public sealed partial class CampaignGrain(
    CampaignStore store,
    CampaignOutcomeStore outcomes,
    CampaignChargeStore charges,
    KpiHistoryStore history,
    CampaignTrackingReader tracking,
    CampaignForecastStore launchForecasts,
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
    private DateTimeOffset nextUpdateAt = DateTimeOffset.MinValue;
    private DateTimeOffset trackedAt = DateTimeOffset.MinValue;
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
            return CampaignResult.Refused(ErrorCodes.AlreadyExists, $"A campaign with id '{campaignId}' exists.");
        }

        if (CampaignDesignRules.Validate(design) is { Count: > 0 } violations)
        {
            return CampaignResult.Invalid(violations);
        }

        campaign = await store.InsertAsync(tenantId, CampaignLifecycle.Create(campaignId, design, clock.GetUtcNow()));
        return campaign is null
            ? CampaignResult.Refused(ErrorCodes.AlreadyExists, $"A campaign with id '{campaignId}' exists.")
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
        if (campaign?.Design.Budget is null)
        {
            return true;
        }

        var given = await SpentAsync();
        var (counted, isNew) = await charges.RecordAsync(tenantId, campaignId, eventId, discount, counted: CampaignBudget.Counts(campaign.Design, given));
        if (isNew && counted)
        {
            spent = given + discount;
        }

        if (CampaignBudget.MustPause(campaign, spent ?? given))
        {
            await PauseForBudgetAsync();
        }

        return counted;
    }

    public Task<CampaignResult> EndAsync() => ChangeAsync(current => CampaignLifecycle.End(current, clock.GetUtcNow()));

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
            : CampaignResult.Refused(ErrorCodes.Conflict, "The campaign changed at the same moment elsewhere; read it again and retry.");
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

    private async Task PauseForBudgetAsync()
    {
        try
        {
            logger.LogInformation("Campaign {CampaignKey} spent its budget of {Budget}: paused", this.GetPrimaryKeyString(), campaign!.Design.Budget);
            await SaveAsync(CampaignLifecycle.Pause(campaign, PauseReason.BudgetSpent, clock.GetUtcNow()));
        }
        catch (Exception exception)
        {
            // The charge decision is stored and must reach the user's fold; the next charge pauses again.
            logger.LogWarning(exception, "Pausing campaign {CampaignKey} for its budget failed", this.GetPrimaryKeyString());
        }
    }

    private async Task<decimal> SpentAsync() => spent ??= await charges.SpentAsync(tenantId, campaignId);

    private CampaignResult Missing() => CampaignResult.Refused(ErrorCodes.NotFound, $"No campaign with id '{campaignId}' exists in this tenant.");
}
