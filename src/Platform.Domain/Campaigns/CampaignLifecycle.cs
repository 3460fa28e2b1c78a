using Platform.Domain;
using Platform.Domain.Errors;
namespace Platform.Domain.Campaigns;

/// <summary>A change that the campaign's status does not allow, or a design change that breaks a rule.</summary>
public sealed class CampaignChangeRefused(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// DRAFT → SCHEDULED → RUNNING ⇄ PAUSED → ENDED. Launching a draft schedules it, or runs it at once when its
/// start has come; the start and end times move it on; a paused campaign resumes or ends; ENDED is final.
/// Every method returns the changed campaign or throws <see cref="CampaignChangeRefused"/>.
/// </summary>
public static class CampaignLifecycle
{
    public static Campaign Create(string id, CampaignDesign design, DateTimeOffset now) =>
        new(id, design, CampaignStatus.Draft, CampaignSource.Designed, now, now);

    public static Campaign Launch(Campaign campaign, DateTimeOffset now)
    {
        Require(campaign, "launch", CampaignStatus.Draft);
        if (campaign.Design.EndsAt <= now)
        {
            throw new CampaignChangeRefused(ErrorCodes.IllegalTransition, "The campaign's end time has passed: change endsAt before launching it.");
        }

        var status = campaign.Design.StartsAt <= now ? CampaignStatus.Running : CampaignStatus.Scheduled;
        return campaign with { Status = status, LaunchedAt = now, UpdatedAt = now };
    }

    /// <summary>Moves the campaign on as the clock says: a scheduled one starts, a live one past its end ends. Nothing else changes.</summary>
    public static Campaign FollowClock(Campaign campaign, DateTimeOffset now)
    {
        if (campaign.Status is CampaignStatus.Scheduled or CampaignStatus.Running or CampaignStatus.Paused && campaign.Design.EndsAt <= now)
        {
            return campaign with { Status = CampaignStatus.Ended, EndedAt = campaign.Design.EndsAt, PauseReason = null, UpdatedAt = now };
        }

        return campaign.Status == CampaignStatus.Scheduled && campaign.Design.StartsAt <= now
            ? campaign with { Status = CampaignStatus.Running, UpdatedAt = now }
            : campaign;
    }

    /// <summary>When the campaign next moves on by itself (a scheduled one starts, a live one ends), or null when it never will.</summary>
    public static DateTimeOffset? NextChange(Campaign campaign) => campaign.Status switch
    {
        CampaignStatus.Scheduled => campaign.Design.StartsAt,
        CampaignStatus.Running or CampaignStatus.Paused => campaign.Design.EndsAt,
        _ => null,
    };

    public static Campaign Pause(Campaign campaign, PauseReason reason, DateTimeOffset now)
    {
        Require(campaign, "pause", CampaignStatus.Running);
        return campaign with { Status = CampaignStatus.Paused, PauseReason = reason, UpdatedAt = now };
    }

    /// <summary>Resumes a paused campaign; one paused because its budget was spent needs a larger budget first.</summary>
    public static Campaign Resume(Campaign campaign, decimal discountCost, DateTimeOffset now)
    {
        Require(campaign, "resume", CampaignStatus.Paused);
        if (campaign.Design.Budget is { } budget && discountCost >= budget)
        {
            throw new CampaignChangeRefused(ErrorCodes.IllegalTransition, "The budget is spent: raise it with updateCampaign before resuming.");
        }

        return campaign with { Status = CampaignStatus.Running, PauseReason = null, UpdatedAt = now };
    }

    public static Campaign End(Campaign campaign, DateTimeOffset now)
    {
        Require(campaign, "end", CampaignStatus.Scheduled, CampaignStatus.Running, CampaignStatus.Paused);
        return campaign with { Status = CampaignStatus.Ended, EndedAt = now, PauseReason = null, UpdatedAt = now };
    }

    /// <summary>
    /// Replaces the design. Before launch and while scheduled anything may change. Once the campaign has
    /// started, only its name, budget, end and frequency cap may: the offer, audience, holdout and window
    /// define the experiment, and changing them mid-way would break the comparison with the holdout.
    /// </summary>
    public static Campaign Update(Campaign campaign, CampaignDesign design, DateTimeOffset now)
    {
        Require(campaign, "update", CampaignStatus.Draft, CampaignStatus.Scheduled, CampaignStatus.Running, CampaignStatus.Paused);
        if (campaign.Status is CampaignStatus.Running or CampaignStatus.Paused)
        {
            var adjustable = campaign.Design with { Name = design.Name, Budget = design.Budget, EndsAt = design.EndsAt, FrequencyCapPerDay = design.FrequencyCapPerDay };
            if (!SameDesign(adjustable, design))
            {
                throw new CampaignChangeRefused(ErrorCodes.LockedWhileLive, "Once a campaign has started only name, budget, endsAt and frequencyCapPerDay can change.");
            }

            if (design.EndsAt <= now)
            {
                throw new CampaignChangeRefused(ErrorCodes.LockedWhileLive, "endsAt must be in the future; use endCampaign to end it now.");
            }
        }

        return campaign with { Design = design, UpdatedAt = now };
    }

    // Records compare lists by reference; a design's lists compare by content.
    private static bool SameDesign(CampaignDesign a, CampaignDesign b) =>
        a with { CategoryIds = null, ItemIds = null, ThemeTags = null, Audience = null } == b with { CategoryIds = null, ItemIds = null, ThemeTags = null, Audience = null }
        && Same(a.CategoryIds, b.CategoryIds) && Same(a.ItemIds, b.ItemIds) && Same(a.ThemeTags, b.ThemeTags)
        && AudienceJsonEquals(a.Audience, b.Audience);

    private static bool Same(IReadOnlyList<string>? a, IReadOnlyList<string>? b) => (a ?? []).SequenceEqual(b ?? [], StringComparer.Ordinal);

    private static bool AudienceJsonEquals(object? a, object? b) =>
        System.Text.Json.JsonSerializer.Serialize(a) == System.Text.Json.JsonSerializer.Serialize(b);

    private static void Require(Campaign campaign, string action, params CampaignStatus[] allowed)
    {
        if (!allowed.Contains(campaign.Status))
        {
            throw new CampaignChangeRefused(
                ErrorCodes.IllegalTransition,
                $"Cannot {action} a campaign that is {WireNames.ToWire(campaign.Status)} (allowed from {string.Join(", ", allowed.Select(WireNames.ToWire))}).");
        }
    }
}
