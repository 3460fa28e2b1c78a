using Platform.Domain.Catalog;
using Platform.Domain.Events;
using Platform.Domain.Users;

namespace Platform.Simulation.Tests;

public sealed class SimulatedWorldTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheSameOptionsGiveTheSameWorld()
    {
        var first = new SimulatedWorld(new WorldOptions(Seed: 3, Users: 50, Now: Now)).Story(17);
        var second = new SimulatedWorld(new WorldOptions(Seed: 3, Users: 50, Now: Now)).Story(17);
        var otherSeed = new SimulatedWorld(new WorldOptions(Seed: 4, Users: 50, Now: Now)).Story(17);

        Assert.Equal(first.Events, second.Events, EventComparer);
        Assert.Equal(first.Outcomes.Select(o => (o.AssignmentValue, o.Orders, o.Revenue)), second.Outcomes.Select(o => (o.AssignmentValue, o.Orders, o.Revenue)));
        Assert.NotEqual(first.User with { Index = 0 }, otherSeed.User with { Index = 0 });
    }

    [Fact]
    public void EverythingItProducesPassesThePlatformsValidation()
    {
        var world = new SimulatedWorld(new WorldOptions(Users: 300, Now: Now));
        var stories = Enumerable.Range(0, 300).Select(world.Story).ToList();
        var events = stories.SelectMany(s => s.Events).ToList();

        Assert.All(world.Items, item => Assert.Empty(ItemValidator.Validate(SimulatedWorld.ToDraft(item)).Violations));
        Assert.All(stories, story => Assert.Empty(UserValidator.Validate(SimulatedWorld.ToDraft(story.User), []).Violations));
        Assert.All(events, e => Assert.Empty(EventValidator.Validate(e, Now, TimeSpan.FromDays(730)).Violations));
        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct().Count());
        Assert.InRange(events.Count / 300.0, 10, 80); // a realistic, seedable volume per user
        Assert.Contains(events, e => e.Type == "PURCHASE" && e.CampaignId is null);
        Assert.Contains(events, e => e.Type == "COUPON_REDEEM");
    }

    [Fact]
    public void EachOutcomeIsWhatTheEventLogShowsInTheWindow()
    {
        var world = new SimulatedWorld(new WorldOptions(Users: 400, Now: Now));
        foreach (var story in Enumerable.Range(0, 400).Select(world.Story))
        {
            foreach (var outcome in story.Outcomes)
            {
                var start = SessionSimulator.Timestamp(outcome.Plan.Start(Now));
                var end = SessionSimulator.Timestamp(outcome.Plan.End(Now));
                var purchases = story.Events.Where(e => e.Type == "PURCHASE" && string.CompareOrdinal(e.OccurredAt, start) >= 0 && string.CompareOrdinal(e.OccurredAt, end) < 0).ToList();

                Assert.Equal(outcome.Orders, purchases.Count);
                Assert.Equal(outcome.Revenue, purchases.Sum(p => p.Amount));
                var campaignId = outcome.Arm is null ? null : outcome.Plan.CampaignId(outcome.Arm);
                Assert.All(purchases, p => Assert.Equal(campaignId, p.CampaignId));
                Assert.Equal(outcome.Arm is not null, story.Events.Any(e => e.Type == "CAMPAIGN_EXPOSURE" && e.CampaignId == campaignId));
            }
        }
    }

    [Fact]
    public void TheObservedEffectOfEachArmMatchesItsPlantedTruth()
    {
        var world = new SimulatedWorld(new WorldOptions(Users: 8000, Now: Now));
        var outcomes = Enumerable.Range(0, 8000).Select(world.Story).SelectMany(s => s.Outcomes).Where(o => o.Plan.Name == "spring-sale").ToList();
        var control = outcomes.Where(o => o.Arm is null).ToList();

        Assert.InRange(control.Count / (double)outcomes.Count, 0.28, 0.32); // the holdout share
        foreach (var (arm, index) in world.Campaigns[0].Arms.Select((a, i) => (a, i)))
        {
            var treated = outcomes.Where(o => o.Arm == arm).ToList();
            var observed = Rate(treated) - Rate(control);
            var planted = outcomes.Average(o => o.Truth[index].ConversionUplift);
            var standardError = Math.Sqrt((Rate(treated) * (1 - Rate(treated)) / treated.Count) + (Rate(control) * (1 - Rate(control)) / control.Count));

            Assert.InRange(observed, planted - (3.5 * standardError), planted + (3.5 * standardError));
        }

        Assert.True(outcomes.Average(o => o.Truth[1].ConversionUplift) > outcomes.Average(o => o.Truth[0].ConversionUplift), "20% off lifts more than 10% off");
    }

    [Fact]
    public void TheEffectIsHeterogeneousAndTheTruthSaysBy_How_Much()
    {
        var world = new SimulatedWorld(new WorldOptions(Users: 2000, Now: Now));
        var outcomes = Enumerable.Range(0, 2000).Select(world.Story).SelectMany(s => s.Outcomes.Select(o => (s.User, Outcome: o))).Where(x => x.Outcome.Plan.Name == "beauty-sms").ToList();
        var bySensitivity = outcomes.OrderBy(x => x.User.PriceSensitivity).ToList();
        var quarter = bySensitivity.Count / 4;

        var low = bySensitivity.Take(quarter).Average(x => x.Outcome.Truth[0].ConversionUplift);
        var high = bySensitivity.TakeLast(quarter).Average(x => x.Outcome.Truth[0].ConversionUplift);
        var beautyLovers = outcomes.Where(x => x.User.CategoryWeights[Taxonomy.IndexOf("beauty")] > 0.3).Average(x => x.Outcome.Truth[0].ConversionUplift);
        var others = outcomes.Where(x => x.User.CategoryWeights[Taxonomy.IndexOf("beauty")] < 0.05).Average(x => x.Outcome.Truth[0].ConversionUplift);

        Assert.True(high > 2 * low, $"price-sensitive users respond more ({high:F4} vs {low:F4})");
        Assert.True(beautyLovers > 2 * others, $"a category campaign lifts users who like the category ({beautyLovers:F4} vs {others:F4})");
    }

    [Fact]
    public void InTheChannelTestNeitherArmIsBestForEveryoneAndTheAppSuitsTheYoung()
    {
        var world = new SimulatedWorld(new WorldOptions(Users: 2000, Now: Now, Campaigns: DemoCampaigns.WithChannelTest));
        Assert.Equal(DemoCampaigns.All.Count + 1, world.Campaigns.Count);
        var outcomes = Enumerable.Range(0, 2000).Select(world.Story).SelectMany(s => s.Outcomes.Select(o => (s.User, Outcome: o))).Where(x => x.Outcome.Plan.Name == "channel-test").ToList();
        Assert.NotEmpty(outcomes);

        // Truth[0] by email, Truth[1] in the app: the same offer, so the channel alone decides which lifts more.
        var appBetter = outcomes.Count(x => x.Outcome.Truth[1].ConversionUplift > x.Outcome.Truth[0].ConversionUplift) / (double)outcomes.Count;
        Assert.InRange(appBetter, 0.2, 0.8);
        double AppShare(IEnumerable<(SimulatedUser User, ExperimentOutcome Outcome)> users) =>
            users.Average(x => x.Outcome.Truth[1].ConversionUplift > x.Outcome.Truth[0].ConversionUplift ? 1.0 : 0);
        var young = AppShare(outcomes.Where(x => x.User.Age < 30));
        var old = AppShare(outcomes.Where(x => x.User.Age >= 50));
        Assert.True(young > old, $"the app suits the young ({young:P0} against {old:P0})");
    }

    [Fact]
    public void LiveSessionsHappenNowAndAreValid()
    {
        var world = new SimulatedWorld(new WorldOptions(Users: 100, Now: Now));
        var live = world.LiveSession(new Random(1), Now);

        Assert.NotEmpty(live);
        Assert.All(live, e => Assert.Empty(EventValidator.Validate(e, Now, TimeSpan.FromDays(1)).Violations));
    }

    private static double Rate(IReadOnlyCollection<ExperimentOutcome> outcomes) => outcomes.Count(o => o.Orders > 0) / (double)outcomes.Count;

    private static readonly IEqualityComparer<EventDraft> EventComparer = EqualityComparer<EventDraft>.Create(
        (a, b) => (a!.EventId, a.Type, a.OccurredAt, a.ItemId, a.Amount, a.CampaignId) == (b!.EventId, b.Type, b.OccurredAt, b.ItemId, b.Amount, b.CampaignId),
        e => e.EventId!.GetHashCode(StringComparison.Ordinal));
}
