using Platform.Domain;
using Platform.Domain.Campaigns;
using Platform.Domain.Events;

namespace Platform.Simulation;

/// <summary>
/// Lives one user's history day by day. On the day a past campaign starts, an eligible user is
/// assigned to an arm or the holdout by a hash of campaign and user; whether they buy in the window is
/// drawn from <see cref="ResponseModel"/>, and their organic sessions in the window do not buy, so the
/// experiment's outcome and the event log tell the same story.
/// </summary>
public sealed class StoryGenerator(WorldOptions options, ResponseModel model, IReadOnlyList<CampaignPlan> plans)
{
    private readonly SessionSimulator sessions = new(model);

    public UserStory Generate(int index)
    {
        var now = options.Clock;
        var user = UserGenerator.Generate(options.Seed, index, now);
        var random = new Random(Sampling.SeedFor(options.Seed, "story", index));
        var events = new List<EventDraft>();
        var summaries = new List<SessionSummary>();
        var outcomes = new List<ExperimentOutcome>();
        var quietWindows = new List<(DateTimeOffset From, DateTimeOffset To)>();
        var counter = 0;
        string NextEventId() => $"sim-{user.Id}-{counter++:D5}";

        var first = now.AddDays(-options.HistoryDays);
        for (var day = 0; day < options.HistoryDays; day++)
        {
            var dayStart = first.AddDays(day);
            foreach (var plan in plans.Where(p => p.Start(now) >= dayStart && p.Start(now) < dayStart.AddDays(1)))
            {
                if (RunCampaign(user, plan, now, summaries, random, NextEventId, events) is { } outcome)
                {
                    outcomes.Add(outcome);
                    quietWindows.Add((plan.Start(now), plan.End(now)));
                }
            }

            var churned = IsChurned(user, dayStart, now);
            var visits = random.Poisson(ResponseModel.SessionsPerDay(user, churned));
            for (var v = 0; v < visits; v++)
            {
                var start = dayStart.AddHours(VisitHour(random)).AddMinutes(random.Next(60));
                if (start > now.AddHours(-1))
                {
                    continue;
                }

                var mayPurchase = !quietWindows.Any(w => start >= w.From && start < w.To);
                summaries.Add(sessions.Run(user, start, random, mayPurchase, NextEventId, events));
            }
        }

        events.Sort((a, b) => string.CompareOrdinal(a.OccurredAt, b.OccurredAt));
        return new UserStory(user, events, outcomes);
    }

    /// <summary>
    /// What an arm would have done for the user in the plan's window, as the stories plant it — for any arm, one the plan
    /// never ran too: the truth a forecast of a new design is judged against.
    /// </summary>
    public ArmTruth Truth(int index, CampaignPlan plan, SimulatedArm arm)
    {
        var now = options.Clock;
        var user = UserGenerator.Generate(options.Seed, index, now);
        return model.Truth(user, plan, arm, IsChurned(user, plan.Start(now), now));
    }

    private ExperimentOutcome? RunCampaign(
        SimulatedUser user, CampaignPlan plan, DateTimeOffset now, List<SessionSummary> history, Random random, Func<string> nextEventId, List<EventDraft> events)
    {
        var start = plan.Start(now);
        var lastVisit = history.Count > 0 ? history[^1].At : (DateTimeOffset?)null;
        var eligible = plan.Audience switch
        {
            PlanAudience.RecentlyActive => lastVisit >= start.AddDays(-30),
            PlanAudience.Lapsed => lastVisit < start.AddDays(-30),
            _ => true,
        };
        if (!eligible)
        {
            return null;
        }

        var churned = IsChurned(user, start, now);
        var truth = plan.Arms.Select(arm => model.Truth(user, plan, arm, churned)).ToList();
        var arm = Assign(plan, user);
        var conversion = arm is null ? truth[0].ConversionControl : truth[plan.Arms.ToList().IndexOf(arm)].ConversionTreated;
        var orders = random.Chance(conversion) ? 1 + (random.Chance(ResponseModel.SecondOrderChance) ? 1 : 0) : 0;

        var exposedAt = start.AddMinutes(random.Next(12 * 60));
        var campaignId = arm is null ? null : plan.CampaignId(arm);
        if (campaignId is not null)
        {
            events.Add(SessionSimulator.Event(nextEventId(), user, EventType.CampaignExposure, exposedAt) with
            {
                CampaignId = campaignId,
                Properties = new Dictionary<string, string> { ["channel"] = WireNames.ToWire(arm!.Channel) },
            });
            if (random.Chance(0.05 + (orders > 0 ? 0.5 : 0)))
            {
                events.Add(SessionSimulator.Event(nextEventId(), user, EventType.CampaignClick, exposedAt.AddMinutes(random.Next(1, 120))) with { CampaignId = campaignId });
            }
        }

        var revenue = 0m;
        for (var order = 0; order < orders; order++)
        {
            var at = exposedAt.AddMinutes(random.Next(30, (plan.WindowDays * 24 * 60) - (12 * 60)));
            var item = random.Pick(model.ItemsIn(ResponseModel.OrderCategory(user, plan, random)));
            var quantity = random.Chance(ResponseModel.DoubleQuantityChance) ? 2 : 1;
            var amount = ResponseModel.OrderValue(item, quantity, arm);
            revenue += amount;
            events.Add(SessionSimulator.Event(nextEventId(), user, EventType.View, at.AddMinutes(-3)) with { ItemId = item.Id });
            var purchase = SessionSimulator.Purchase(nextEventId(), user, at, item, quantity, amount);
            if (campaignId is not null && arm!.Type != CampaignType.FreeShipping)
            {
                if (order == 0)
                {
                    events.Add(SessionSimulator.Event(nextEventId(), user, EventType.CouponClaim, at.AddMinutes(-2)) with { CampaignId = campaignId });
                }

                events.Add(SessionSimulator.Event(nextEventId(), user, EventType.CouponRedeem, at.AddSeconds(-30)) with { CampaignId = campaignId });
            }

            events.Add(campaignId is null ? purchase : purchase with { CampaignId = campaignId });
        }

        return new ExperimentOutcome(plan, arm, orders, revenue, Features(history, start), truth);
    }

    /// <summary>Holdout first, then arms in equal shares, fixed by a hash of campaign and user.</summary>
    public static SimulatedArm? Assign(CampaignPlan plan, SimulatedUser user)
    {
        var u = Sampling.Unit($"{plan.Name}/{user.Id}");
        return u < plan.HoldoutShare ? null : plan.Arms[Math.Min(plan.Arms.Count - 1, (int)((u - plan.HoldoutShare) / (1 - plan.HoldoutShare) * plan.Arms.Count))];
    }

    private static PrePeriodFeatures Features(List<SessionSummary> history, DateTimeOffset start)
    {
        var last30 = history.Where(s => s.At >= start.AddDays(-30)).ToList();
        var last90 = history.Where(s => s.At >= start.AddDays(-90)).ToList();
        var daysSince = history.Count == 0 ? 365 : Math.Min(365, (int)(start - history[^1].At).TotalDays);
        return new PrePeriodFeatures(last30.Count, last30.Sum(s => s.CartAdds), last90.Sum(s => s.Purchases), last90.Sum(s => s.Spend), daysSince);
    }

    private static bool IsChurned(SimulatedUser user, DateTimeOffset at, DateTimeOffset now) =>
        user.ChurnedDaysAgo is { } days && at >= now.AddDays(-days);

    /// <summary>Visits cluster in the evening.</summary>
    private static double VisitHour(Random random) => random.Chance(0.6) ? random.Next(17, 23) : random.Next(7, 17);
}
