using System.Globalization;
using Platform.Domain.Campaigns;
using Platform.Domain.Catalog;
using Platform.Domain.Events;
using Platform.Domain.Shoppers;

namespace Platform.Simulation;

/// <summary>
/// The demo shop: a catalog, shoppers with hidden preferences, their behaviour, and past randomized campaigns
/// with planted heterogeneous effects whose exact expected values are known (<see cref="ArmTruth"/>).
/// Everything is a pure function of <see cref="WorldOptions"/>.
/// </summary>
public sealed class SimulatedWorld
{
    private readonly StoryGenerator stories;
    private readonly SessionSimulator sessions;

    public SimulatedWorld(WorldOptions options)
    {
        if (options.Shoppers < 1 || options.HistoryDays < WorldOptions.MinHistoryDays)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"A world needs at least one shopper and {WorldOptions.MinHistoryDays} days of history.");
        }

        Options = options;
        Items = CatalogGenerator.Generate(options.Seed);
        Campaigns = DemoCampaigns.All;
        var model = new ResponseModel(Items);
        stories = new StoryGenerator(options, model, Campaigns);
        sessions = new SessionSimulator(model);
    }

    public WorldOptions Options { get; }

    public IReadOnlyList<SimulatedItem> Items { get; }

    public IReadOnlyList<CampaignPlan> Campaigns { get; }

    public ShopperStory Story(int index) => stories.Generate(index);

    /// <summary>One live session of a random shopper starting now: the demo's event stream.</summary>
    public IReadOnlyList<EventDraft> LiveSession(Random random, DateTimeOffset now)
    {
        var shopper = ShopperGenerator.Generate(Options.Seed, random.Next(Options.Shoppers), Options.Clock);
        var events = new List<EventDraft>();
        var session = Guid.NewGuid().ToString("N")[..12];
        var counter = 0;
        sessions.Run(shopper, now.AddMinutes(-30), random, mayPurchase: true, () => $"live-{session}-{counter++}", events);
        return events;
    }

    public static ItemDraft ToDraft(SimulatedItem item) =>
        new(item.Id, item.Title, item.CategoryPath, item.Brand, item.Price, Taxonomy.Currency);

    /// <summary>What the merchant knows: attributes, and the opt-ins a shop records (shoppers who like a channel tend to opt in).</summary>
    public static ShopperDraft ToDraft(SimulatedShopper shopper)
    {
        var tags = new List<string>();
        if (shopper.ChannelAffinity[Channel.Email] > 0.9)
        {
            tags.Add("newsletter");
        }

        if (shopper.ChannelAffinity[Channel.InApp] > 1.0)
        {
            tags.Add("app-user");
        }

        return new ShopperDraft(
            shopper.Id, shopper.Age, shopper.Gender, shopper.Region, shopper.Occupation,
            shopper.SignupDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Tags: tags);
    }
}
