using System.Globalization;
using Platform.Domain.Campaigns;
using Platform.Domain.Catalog;
using Platform.Domain.Events;
using Platform.Domain.Users;

namespace Platform.Simulation;

/// <summary>
/// The demo shop: a catalog, users with hidden preferences, their behaviour, and past randomized campaigns
/// with planted heterogeneous effects whose exact expected values are known (<see cref="ArmTruth"/>).
/// Everything is a pure function of <see cref="WorldOptions"/>.
/// </summary>
public sealed class SimulatedWorld
{
    private readonly StoryGenerator stories;
    private readonly SessionSimulator sessions;

    public SimulatedWorld(WorldOptions options)
    {
        if (options.Users < 1 || options.HistoryDays < WorldOptions.MinHistoryDays)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"A world needs at least one user and {WorldOptions.MinHistoryDays} days of history.");
        }

        Options = options;
        Items = CatalogGenerator.Generate(options.Seed);
        Campaigns = options.Campaigns ?? DemoCampaigns.All;
        var model = new ResponseModel(Items);
        stories = new StoryGenerator(options, model, Campaigns);
        sessions = new SessionSimulator(model);
    }

    public WorldOptions Options { get; }

    public IReadOnlyList<SimulatedItem> Items { get; }

    public IReadOnlyList<CampaignPlan> Campaigns { get; }

    public UserStory Story(int index) => stories.Generate(index);

    /// <summary>The planted truth of any arm of a plan for the user with this id (user-000042 is index 42).</summary>
    public ArmTruth Truth(string userId, CampaignPlan plan, SimulatedArm arm) =>
        stories.Truth(int.Parse(userId.AsSpan("user-".Length), System.Globalization.CultureInfo.InvariantCulture), plan, arm);

    /// <summary>One live session of a random user starting now: the demo's event stream.</summary>
    public IReadOnlyList<EventDraft> LiveSession(Random random, DateTimeOffset now)
    {
        var user = UserGenerator.Generate(Options.Seed, random.Next(Options.Users), Options.Clock);
        var events = new List<EventDraft>();
        var session = Guid.NewGuid().ToString("N")[..12];
        var counter = 0;
        sessions.Run(user, now.AddMinutes(-30), random, mayPurchase: true, () => $"live-{session}-{counter++}", events);
        return events;
    }

    public static ItemDraft ToDraft(SimulatedItem item) =>
        new(item.Id, item.Title, item.CategoryPath, item.Brand, item.Price, Taxonomy.Currency);

    /// <summary>What the merchant knows: attributes, and the opt-ins a shop records (users who like a channel tend to opt in).</summary>
    public static UserDraft ToDraft(SimulatedUser user)
    {
        var tags = new List<string>();
        if (user.ChannelAffinity[Channel.Email] > 0.9)
        {
            tags.Add("newsletter");
        }

        if (user.ChannelAffinity[Channel.InApp] > 1.0)
        {
            tags.Add("app-user");
        }

        return new UserDraft(
            user.Id, user.Age, user.Gender, user.Region, user.Occupation,
            user.SignupDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Tags: tags);
    }
}
