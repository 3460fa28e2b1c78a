using Platform.Domain.Campaigns;
using Platform.Domain.Events;
using Platform.Domain.Modeling;
using Platform.Domain.Profiles;
using Platform.Domain.Users;

namespace Platform.Simulation;

/// <summary>
/// The demo's past campaigns as uplift training rows, straight from the simulation: what a tenant that imported the
/// experiment files (and the users' attributes and tags) would train on, with the exact truth of every row beside it.
/// Used by the model tests and `platform eval` to judge models against planted effects.
/// </summary>
public static class SimulatedUpliftData
{
    /// <summary>A row and, for each arm of its campaign's experiment, the user's exact expected outcomes.</summary>
    public sealed record Sample(UpliftRow Row, ArmTruth Truth);

    /// <summary>One campaign per treatment arm, as an experiment import would create it.</summary>
    public static IReadOnlyList<(string Id, CampaignDesign Design)> Campaigns(SimulatedWorld world) =>
        world.Campaigns.SelectMany(plan => plan.Arms.Select(arm => (plan.CampaignId(arm), Design(plan, arm, world.Options.Clock)))).ToList();

    public static CampaignDesign Design(CampaignPlan plan, SimulatedArm arm, DateTimeOffset now) => new(
        $"{plan.Name}: {arm.Name}",
        arm.Type,
        arm.Type is CampaignType.FreeShipping or CampaignType.MessageOnly ? null : arm.Value,
        arm.Channel,
        plan.Start(now),
        plan.End(now),
        CategoryIds: plan.Category is { } category ? Taxonomy.Categories[category].Leaves : null,
        HoldoutShare: plan.HoldoutShare,
        AttributionWindowDays: plan.WindowDays);

    /// <summary>
    /// The rows of the first <paramref name="users"/> users: a treated user in its arm's campaign, a control user in every
    /// arm's campaign; features as training builds them (the file's columns, the profile folded from the user's events
    /// before the start, the attributes and tags).
    /// </summary>
    public static IReadOnlyList<Sample> Rows(SimulatedWorld world, int users) => Stream(world, users).ToList();

    /// <summary>The same rows, made a chunk of users at a time (in parallel within a chunk), so memory holds one chunk.</summary>
    public static IEnumerable<Sample> Stream(SimulatedWorld world, int users, int chunk = 2_000)
    {
        var catalog = world.Items.ToDictionary(i => i.Id, i => new ItemFacts(i.Id, i.CategoryPath[^1], i.Brand, i.Price), StringComparer.Ordinal);
        for (var start = 0; start < users; start += chunk)
        {
            var samples = Enumerable.Range(start, Math.Min(chunk, users - start)).AsParallel().AsOrdered().Select(world.Story)
                .SelectMany(story => Rows(story, world, id => catalog.GetValueOrDefault(id))).ToList();
            foreach (var sample in samples)
            {
                yield return sample;
            }
        }
    }

    private static IEnumerable<Sample> Rows(UserStory story, SimulatedWorld world, Func<string, ItemFacts?> catalog)
    {
        var events = story.Events.Select(e => EventValidator.Validate(e, world.Options.Clock, TimeSpan.FromDays(3650)).Event).OfType<BehaviorEvent>().ToList();
        var starts = story.Outcomes.Select(o => o.Plan.Start(world.Options.Clock)).ToList();
        var profiles = PointInTimeFeatures.At(events, starts, catalog, ProfileSettings.Default);
        var attributes = Attributes(story.User);
        for (var o = 0; o < story.Outcomes.Count; o++)
        {
            var outcome = story.Outcomes[o];
            var features = TrainingFeatures.Merge(Stored(outcome.Features), profiles[o], attributes);
            foreach (var arm in outcome.Arm is null ? outcome.Plan.Arms : [outcome.Arm])
            {
                var row = new UpliftRow(outcome.Plan.CampaignId(arm), story.User.Id, outcome.Arm is not null, outcome.Orders, (double)outcome.Revenue, null, features, starts[o]);
                yield return new Sample(row, outcome.Truth.Single(t => t.Arm == arm.Name));
            }
        }
    }

    // The experiment file's pre-period columns, as an import stores them with the row.
    private static Dictionary<string, FeatureValue> Stored(PrePeriodFeatures pre) => new(StringComparer.Ordinal)
    {
        ["sessions_30d"] = FeatureValue.Of(pre.Sessions30Days),
        ["cart_adds_30d"] = FeatureValue.Of(pre.CartAdds30Days),
        ["purchases_90d"] = FeatureValue.Of(pre.Purchases90Days),
        ["spend_90d"] = FeatureValue.Of((double)pre.Spend90Days),
        ["days_since_visit"] = FeatureValue.Of(pre.DaysSinceVisit),
    };

    internal static UserAttributes Attributes(SimulatedUser user)
    {
        var draft = SimulatedWorld.ToDraft(user);
        return new UserAttributes(user.Id, draft.Age, draft.Gender, draft.Region, draft.Occupation, user.SignupDate, [], draft.Tags ?? []);
    }
}
