using Platform.Domain.Audiences;
using Platform.Domain.Events;
using Platform.Domain.Profiles;

namespace Platform.Domain.Campaigns;

/// <summary>Why a user may not be shown a campaign now.</summary>
public enum Ineligibility
{
    /// <summary>The campaign is not RUNNING.</summary>
    NotRunning,

    /// <summary>The user is outside the campaign's audience: neither enrolled nor counted.</summary>
    NotInAudience,

    /// <summary>The user has been exposed <see cref="CampaignDesign.FrequencyCapPerDay"/> times today (UTC).</summary>
    FrequencyCapReached,
}

/// <summary>
/// Who a campaign may reach and which purchases can be its orders (docs/campaigns.md#targeting): the audience
/// is checked when a user's event would enroll them, the daily frequency cap wherever the platform says what
/// to show, and the scope and minimum spend when a purchase is attributed.
/// </summary>
public static class CampaignTargeting
{
    /// <summary>Whether the audience needs more than the user id to evaluate (stored attributes, scores, the profile).</summary>
    public static bool NeedsUserData(Campaign campaign) => campaign.Design.Audience is { All: false, UserIds: null };

    /// <summary>Whether the user is in the campaign's audience; an uplift audience holds the users it picked at launch.</summary>
    public static bool InAudience(Campaign campaign, string userId, UserSnapshot user) => campaign.Design.Audience switch
    {
        null => true,
        { Uplift: not null } => user.PickedFor?.Contains(campaign.Id) == true,
        var audience => AudienceEvaluator.Matches(audience, userId, user),
    };

    /// <summary>The exposures to the campaign the user's history holds for the UTC day of <paramref name="at"/>.</summary>
    public static int ExposuresOn(CampaignTouch? touch, DateTimeOffset at) =>
        touch?.ExposureDay == DateOnly.FromDateTime(at.UtcDateTime) ? touch.ExposuresThatDay : 0;

    public static bool CapReached(Campaign campaign, CampaignTouch? touch, DateTimeOffset at) =>
        campaign.Design.FrequencyCapPerDay is { } cap && ExposuresOn(touch, at) >= cap;

    /// <summary>Why the user may not be shown the campaign at <paramref name="at"/>, or null when they may (either side: control users are "shown" nothing but recorded).</summary>
    public static Ineligibility? Check(Campaign campaign, string userId, UserSnapshot user, DateTimeOffset at)
    {
        if (campaign.Status != CampaignStatus.Running)
        {
            return Ineligibility.NotRunning;
        }

        if (!InAudience(campaign, userId, user))
        {
            return Ineligibility.NotInAudience;
        }

        var touch = user.View.Campaigns.FirstOrDefault(c => c.CampaignId == campaign.Id);
        return CapReached(campaign, touch, at) ? Ineligibility.FrequencyCapReached : null;
    }

    /// <summary>
    /// Whether a purchase can be the campaign's order: its item is in the campaign's scope (items or categories,
    /// when it has one) and an order-level purchase (no item) reaches the minimum spend. A purchase line (with an
    /// item) is not checked against the minimum spend: a line is not the order. What the event does not say
    /// (no item, no amount) is not held against it.
    /// </summary>
    public static bool CanBeOrderOf(CampaignDesign design, BehaviorEvent purchase, string? categoryId)
    {
        if (purchase.ItemId is { } item && (design.ItemIds is { Count: > 0 } || design.CategoryIds is { Count: > 0 }))
        {
            var inItems = design.ItemIds?.Contains(item, StringComparer.Ordinal) == true;
            var inCategories = design.CategoryIds is { Count: > 0 } categories && (categoryId is null || categories.Contains(categoryId, StringComparer.Ordinal));
            if (!inItems && !inCategories)
            {
                return false;
            }
        }

        return purchase.ItemId is not null || design.MinimumSpend is not { } minimum || purchase.Amount is not { } amount || amount >= minimum;
    }
}
