using Microsoft.Extensions.Logging;
using Platform.Domain.Campaigns;

namespace Platform.Grains.Campaigns;

/// <summary>The campaign's clock: a reminder wakes the grain at its start and end (CampaignLifecycle.NextChange).</summary>
public sealed partial class CampaignGrain
{
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (campaign is null)
        {
            await ForgetReminderAsync();
            return;
        }

        await FollowClockAsync();
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

    /// <summary>Arms the reminder for the next time the campaign moves on by itself: its start or its end.</summary>
    private async Task ScheduleAsync()
    {
        if (CampaignLifecycle.NextChange(campaign!) is not { } due)
        {
            await ForgetReminderAsync();
            return;
        }

        var wait = due - clock.GetUtcNow();
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
}
