using Platform.Domain.Audiences;
using Platform.Domain.Events;
using Platform.Domain.Modeling.UserScores;
using Platform.Domain.Profiles;
using Platform.Domain.Users;

namespace Platform.Domain.Campaigns;

/// <summary>
/// Who the events are folded for, the tenant's campaigns as this node knows them, which redemptions the
/// campaigns refused to count because their budget was spent (by event id), the user's stored attributes
/// and scores when an audience must be checked (<see cref="CampaignAttribution.NeedsUserData"/>), which
/// enrolling events the audience admitted (<see cref="CampaignAttribution.Admissions"/>; null: judged while folding),
/// and the launched campaigns whose uplift audience picked the user.
/// </summary>
public sealed record CampaignContext(
    string TenantId,
    string UserId,
    Func<string, Campaign?> Find,
    Func<string, bool>? OverBudget = null,
    UserAttributes? Attributes = null,
    UserScore? Score = null,
    IReadOnlySet<string>? Admitted = null,
    IReadOnlySet<string>? PickedFor = null);

/// <summary>
/// Counts a user's events for the experiments of running campaigns (docs/campaigns.md#attribution):
/// <list type="bullet">
/// <item>The first event naming a designed campaign while it is live enrolls the user, if they are in its
/// audience then, on the side its holdout hash gives, with the profile's features as they were just before.</item>
/// <item>Treatment: exposures, participations (clicks, claims), redemptions and their discount cost count;
/// a redemption the campaign refused because its budget was spent counts as over budget, with no cost.
/// Control: an exposure event records that the user would have been shown the campaign; clicks, claims
/// and redemptions count as holdout leaks.</item>
/// <item>Every purchase inside an enrollment's window (from assignment, <see cref="CampaignDesign.AttributionWindowDays"/>)
/// counts for that campaign's lift, on both sides. Orders and GMV go to one campaign only, among those whose scope
/// and minimum spend the purchase meets (<see cref="CampaignTargeting.CanBeOrderOf"/>): the one the purchase
/// names, else the treatment enrollment assigned most recently whose window holds it.</item>
/// <item>A review of an item bought in an attributed order counts for that campaign's satisfaction.</item>
/// </list>
/// </summary>
public static class CampaignAttribution
{
    public const int MaxEnrollments = 20;
    public const int MaxOrderedItems = 20;
    public const int MaxClosedEnrollments = 200;

    public static void Apply(UserProfile profile, BehaviorEvent e, CampaignContext context, ProfileSettings settings, ItemFacts? item = null)
    {
        if (e.CampaignId is { } campaignId && IsCampaignEvent(e.Type) && context.Find(campaignId) is { } campaign && IsLive(campaign, e.OccurredAt)
            && !profile.ClosedEnrollments.Contains(campaignId))
        {
            var index = profile.Enrollments.FindIndex(x => x.CampaignId == campaignId);
            if (index >= 0 || (context.Admitted?.Contains(e.EventId) ?? InAudience(profile, campaign, e.OccurredAt, context, settings)))
            {
                var enrollment = index >= 0 ? profile.Enrollments[index] : Enroll(profile, campaign, e.OccurredAt, context, settings);
                Replace(profile, index, Count(enrollment, e, campaign, context.OverBudget?.Invoke(e.EventId) == true), e.OccurredAt);
            }
        }

        switch (e.Type)
        {
            case EventType.Purchase:
                AttributePurchase(profile, e, context, e.CategoryId ?? item?.CategoryId);
                break;
            case EventType.Review when e.Rating is { } rating && e.ItemId is { } itemId:
                for (var i = 0; i < profile.Enrollments.Count; i++)
                {
                    if (profile.Enrollments[i].OrderedItems?.Contains(itemId, StringComparer.Ordinal) == true)
                    {
                        var x = profile.Enrollments[i];
                        profile.Enrollments[i] = x with { RatingSum = x.RatingSum + rating, RatingCount = x.RatingCount + 1 };
                    }
                }

                break;
        }
    }

    /// <summary>
    /// Whether folding these events may check an audience that needs the user's stored attributes or scores: one of them
    /// would enroll the user in a campaign whose audience is more than a list of ids. The caller loads them into the context.
    /// </summary>
    public static bool NeedsUserData(IEnumerable<BehaviorEvent> events, UserProfile profile, CampaignContext context) =>
        events.Any(e => IsCampaignEvent(e.Type) && e.CampaignId is { } id && context.Find(id) is { } campaign
            && CampaignTargeting.NeedsUserData(campaign) && IsLive(campaign, e.OccurredAt)
            && !profile.ClosedEnrollments.Contains(id) && !profile.Enrollments.Exists(x => x.CampaignId == id));

    /// <summary>A designed campaign counts events from its launch (or start, if later) until it ended.</summary>
    public static bool IsLive(Campaign campaign, DateTimeOffset at) =>
        campaign.Source == CampaignSource.Designed
        && campaign.LaunchedAt is { } launched
        && at >= (launched > campaign.Design.StartsAt ? launched : campaign.Design.StartsAt)
        && at < (campaign.EndedAt ?? campaign.Design.EndsAt);

    /// <summary>
    /// The discount a redemption asks of a campaign's budget, or null when the budget is not asked: the event
    /// is not a live redemption of a treatment user in a campaign with a budget.
    /// </summary>
    public static decimal? BudgetCharge(BehaviorEvent e, Campaign campaign, CampaignContext context) =>
        e.Type == EventType.CouponRedeem && campaign.Design.Budget is not null && IsLive(campaign, e.OccurredAt)
        && HoldoutAssignment.Assign(context.TenantId, campaign.Id, context.UserId, campaign.Design.HoldoutShare) == CampaignArm.Treatment
            ? DiscountOf(e, campaign)
            : null;

    /// <summary>
    /// The budget charges a batch asks for, in the order they happened: a budget is spent first come, first served,
    /// so the redemption that happened first is the one counted when the budget runs out. Only redemptions that will
    /// count ask: of a user enrolled before the batch, or one the audience admitted (<see cref="Admissions"/>).
    /// </summary>
    public static IReadOnlyList<(string EventId, string CampaignId, decimal Discount)> BudgetCharges(
        IEnumerable<BehaviorEvent> events, UserProfile profile, CampaignContext context) =>
        events.OrderBy(e => e.OccurredAt)
            .Select(e => e.CampaignId is { } id && context.Find(id) is { } campaign && BudgetCharge(e, campaign, context) is { } discount
                && !profile.ClosedEnrollments.Contains(id)
                && (profile.Enrollments.Exists(x => x.CampaignId == id) || context.Admitted?.Contains(e.EventId) == true)
                    ? (e.EventId, id, discount)
                    : default)
            .Where(charge => charge.EventId is not null)
            .ToList();

    /// <summary>
    /// The events of a batch, not folded yet, that may enroll the user (or, after such an event, count for its campaign)
    /// because the campaign's audience holds them — judged exactly as folding judges enrollment: on the profile as of
    /// each event, with the batch's earlier events folded (on a copy). Computed before folding, so the budget is asked
    /// for exactly the redemptions that will count.
    /// </summary>
    public static IReadOnlySet<string> Admissions(
        UserProfile profile, IReadOnlyList<(long Seq, BehaviorEvent Event)> events, Func<string, ItemFacts?> catalog, CampaignContext context, ProfileSettings settings)
    {
        bool Candidate(BehaviorEvent e) => IsCampaignEvent(e.Type) && e.CampaignId is { } id && context.Find(id) is { } campaign && IsLive(campaign, e.OccurredAt)
            && !profile.ClosedEnrollments.Contains(id) && !profile.Enrollments.Exists(x => x.CampaignId == id);
        var admitted = new HashSet<string>(StringComparer.Ordinal);
        var ordered = events.Where(x => x.Seq > profile.AppliedSeq).OrderBy(x => x.Event.OccurredAt).ThenBy(x => x.Seq).ToList();
        if (!ordered.Any(x => Candidate(x.Event)))
        {
            return admitted;
        }

        var copy = System.Text.Json.JsonSerializer.Deserialize<UserProfile>(System.Text.Json.JsonSerializer.Serialize(profile))!;
        var enrolled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (seq, e) in ordered)
        {
            if (Candidate(e) && (enrolled.Contains(e.CampaignId!) || InAudience(copy, context.Find(e.CampaignId!)!, e.OccurredAt, context, settings)))
            {
                admitted.Add(e.EventId);
                enrolled.Add(e.CampaignId!);
            }

            ProfileFolder.Apply(copy, [(seq, e)], catalog, settings);
        }

        return admitted;
    }

    /// <summary>
    /// Whether a node's copy of the tenant's campaigns is too old for these events: one names a campaign the copy does
    /// not know as live then (launched a moment ago on another node?), so the copy must be read again before folding.
    /// </summary>
    public static bool NeedsFreshCampaigns(IEnumerable<BehaviorEvent> events, IReadOnlyDictionary<string, Campaign> known) =>
        events.Any(e => IsCampaignEvent(e.Type) && e.CampaignId is { } id && !(known.TryGetValue(id, out var campaign) && IsLive(campaign, e.OccurredAt)));

    /// <summary>The discount a redemption cost: the event's amount, else an AMOUNT_OFF campaign's value.</summary>
    public static decimal DiscountOf(BehaviorEvent redemption, Campaign campaign) =>
        redemption.Amount ?? (campaign.Design.Type == CampaignType.AmountOff ? campaign.Design.Value ?? 0 : 0);

    /// <summary>
    /// Whether folding the events into the profile touches campaigns: the user takes part in one, or a campaign event names
    /// a campaign that <paramref name="exists"/>. Without, attribution changes nothing and folding needs no campaign,
    /// audience or budget.
    /// </summary>
    public static bool Involves(UserProfile profile, IEnumerable<BehaviorEvent> events, Func<string, bool> exists) =>
        profile.Enrollments.Count > 0 || events.Any(e => IsCampaignEvent(e.Type) && e.CampaignId is { } id && exists(id));

    /// <summary>Exposures, clicks, claims and redemptions: the events that name a campaign and can enroll a user.</summary>
    public static bool IsCampaignEvent(EventType type) =>
        type is EventType.CampaignExposure or EventType.CampaignClick or EventType.CouponClaim or EventType.CouponRedeem;

    // The profile as of the enrolling event, with the attributes and scores stored when the batch was folded.
    private static bool InAudience(UserProfile profile, Campaign campaign, DateTimeOffset at, CampaignContext context, ProfileSettings settings) =>
        !CampaignTargeting.NeedsUserData(campaign)
            ? CampaignTargeting.InAudience(campaign, context.UserId, EmptySnapshot)
            : CampaignTargeting.InAudience(campaign, context.UserId, new UserSnapshot(ProfileReader.Read(profile, at, settings), context.Attributes, context.Score, context.PickedFor));

    private static readonly UserSnapshot EmptySnapshot = new(ProfileReader.Read(new UserProfile(), DateTimeOffset.UnixEpoch, ProfileSettings.Default), null);

    private static CampaignEnrollment Enroll(UserProfile profile, Campaign campaign, DateTimeOffset at, CampaignContext context, ProfileSettings settings) =>
        new(
            campaign.Id,
            HoldoutAssignment.Assign(context.TenantId, campaign.Id, context.UserId, campaign.Design.HoldoutShare),
            at,
            campaign.Design.AttributionWindowDays,
            Features: EnrollmentFeatures.Of(profile, at, settings),
            Covariates: Measurement.PrePeriod.Of(profile, at, settings.PrePeriodDays));

    private static CampaignEnrollment Count(CampaignEnrollment x, BehaviorEvent e, Campaign campaign, bool overBudget)
    {
        if (x.Arm == CampaignArm.Control)
        {
            return e.Type == EventType.CampaignExposure ? x : x with { HoldoutLeaks = x.HoldoutLeaks + 1 };
        }

        return e.Type switch
        {
            EventType.CampaignExposure => x with { Exposures = x.Exposures + 1, EngagementSeconds = x.EngagementSeconds + (e.DurationSeconds ?? 0) },
            EventType.CampaignClick or EventType.CouponClaim => x with { Participations = x.Participations + 1, EngagementSeconds = x.EngagementSeconds + (e.DurationSeconds ?? 0) },
            _ when overBudget => x with { RedemptionsOverBudget = x.RedemptionsOverBudget + 1 },
            _ => x with { Redemptions = x.Redemptions + 1, DiscountCost = x.DiscountCost + DiscountOf(e, campaign) },
        };
    }

    private static void AttributePurchase(UserProfile profile, BehaviorEvent purchase, CampaignContext context, string? categoryId)
    {
        var amount = purchase.Amount ?? 0;
        var owner = -1;
        for (var i = 0; i < profile.Enrollments.Count; i++)
        {
            var x = profile.Enrollments[i];
            if (!x.InWindow(purchase.OccurredAt))
            {
                continue;
            }

            profile.Enrollments[i] = x with { WindowPurchases = x.WindowPurchases + 1, WindowRevenue = x.WindowRevenue + amount };
            if (x.Arm == CampaignArm.Treatment && (owner < 0 || Claims(x, profile.Enrollments[owner], purchase))
                && (context.Find(x.CampaignId) is not { } campaign || CampaignTargeting.CanBeOrderOf(campaign.Design, purchase, categoryId)))
            {
                owner = i;
            }
        }

        if (owner >= 0)
        {
            var x = profile.Enrollments[owner];
            var items = purchase.ItemId is { } item ? (x.OrderedItems ?? []).Append(item).TakeLast(MaxOrderedItems).ToList() : x.OrderedItems;
            profile.Enrollments[owner] = x with { Orders = x.Orders + 1, Gmv = x.Gmv + amount, OrderedItems = items };
        }
    }

    // Whether candidate takes the purchase from current: the campaign the purchase names, then the latest assignment, then the smaller id.
    private static bool Claims(CampaignEnrollment candidate, CampaignEnrollment current, BehaviorEvent purchase)
    {
        if ((candidate.CampaignId == purchase.CampaignId) != (current.CampaignId == purchase.CampaignId))
        {
            return candidate.CampaignId == purchase.CampaignId;
        }

        return candidate.AssignedAt != current.AssignedAt
            ? candidate.AssignedAt > current.AssignedAt
            : string.CompareOrdinal(candidate.CampaignId, current.CampaignId) < 0;
    }

    // A user keeps MaxEnrollments; to make room, the enrollment whose window closed first is let go (its row is
    // final) and its campaign never enrolls the user again. With every window still open, the new one is not kept.
    private static void Replace(UserProfile profile, int index, CampaignEnrollment enrollment, DateTimeOffset at)
    {
        if (index >= 0)
        {
            profile.Enrollments[index] = enrollment;
            return;
        }

        if (profile.Enrollments.Count >= MaxEnrollments)
        {
            if (profile.Enrollments.Where(x => x.WindowEnd <= at).MinBy(x => x.WindowEnd) is not { } closed)
            {
                return;
            }

            profile.Enrollments.Remove(closed);
            profile.ClosedEnrollments.Add(closed.CampaignId);
            if (profile.ClosedEnrollments.Count > MaxClosedEnrollments)
            {
                profile.ClosedEnrollments.RemoveAt(0);
            }
        }

        profile.Enrollments.Add(enrollment);
    }
}
