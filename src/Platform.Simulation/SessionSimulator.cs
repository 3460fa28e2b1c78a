using System.Globalization;
using Platform.Domain.Events;

namespace Platform.Simulation;

/// <summary>
/// One visit: an optional search, views in one category (brands by loyalty), clicks, cart changes and, when
/// allowed, a purchase with the chance <see cref="ResponseModel.PurchaseChancePerSession"/>; sometimes a review.
/// </summary>
public sealed class SessionSimulator(ResponseModel model)
{
    public SessionSummary Run(SimulatedUser user, DateTimeOffset start, Random random, bool mayPurchase, Func<string> nextEventId, List<EventDraft> events)
    {
        var category = random.Pick(user.CategoryWeights);
        var items = model.ItemsIn(category);
        var time = start;
        DateTimeOffset Step(int minSeconds, int maxSeconds) => time = time.AddSeconds(random.Next(minSeconds, maxSeconds));

        if (random.Chance(0.35))
        {
            var leaf = random.Pick(Taxonomy.Categories[category].Leaves);
            events.Add(Event(nextEventId(), user, EventType.Search, time) with { Query = random.Chance(0.5) ? leaf.Replace('-', ' ') : $"{random.Pick(Taxonomy.Categories[category].Brands)} {leaf}" });
        }

        var cart = new List<(SimulatedItem Item, int Quantity)>();
        var views = 1 + random.Poisson(1.5);
        SimulatedItem? viewed = null;
        for (var v = 0; v < views; v++)
        {
            viewed = PickItem(user, category, items, random);
            events.Add(Event(nextEventId(), user, EventType.View, Step(5, 90)) with { ItemId = viewed.Id, DurationSeconds = Math.Round(random.LogNormal(35, 0.8), 1) });
            if (random.Chance(0.45))
            {
                events.Add(Event(nextEventId(), user, EventType.Click, Step(2, 20)) with { ItemId = viewed.Id });
            }

            if (random.Chance(0.15))
            {
                var quantity = random.Chance(ResponseModel.DoubleQuantityChance) ? 2 : 1;
                cart.Add((viewed, quantity));
                events.Add(Event(nextEventId(), user, EventType.AddToCart, Step(2, 30)) with { ItemId = viewed.Id, Quantity = quantity });
            }
        }

        if (cart.Count > 1 && random.Chance(0.2))
        {
            var removed = cart[^1];
            cart.RemoveAt(cart.Count - 1);
            events.Add(Event(nextEventId(), user, EventType.RemoveFromCart, Step(5, 60)) with { ItemId = removed.Item.Id, Quantity = removed.Quantity });
        }

        var purchases = 0;
        var spend = 0m;
        if (mayPurchase && random.Chance(ResponseModel.PurchaseChancePerSession(user)))
        {
            if (cart.Count == 0)
            {
                cart.Add((viewed!, 1));
                events.Add(Event(nextEventId(), user, EventType.AddToCart, Step(2, 30)) with { ItemId = viewed!.Id, Quantity = 1 });
            }

            foreach (var (item, quantity) in cart)
            {
                var amount = ResponseModel.OrderValue(item, quantity, arm: null);
                events.Add(Purchase(nextEventId(), user, Step(30, 240), item, quantity, amount));
                spend += amount;
            }

            purchases = 1;
            if (random.Chance(0.08))
            {
                var rating = Math.Clamp(3 + random.Poisson(1.2) - random.Poisson(0.6), 1, 5);
                events.Add(Event(nextEventId(), user, EventType.Review, Step(600, 7200)) with { ItemId = cart[0].Item.Id, Rating = rating });
            }
        }

        return new SessionSummary(start, cart.Count, purchases, spend);
    }

    public static EventDraft Event(string id, SimulatedUser user, EventType type, DateTimeOffset at) =>
        new(id, user.Id, EventTypeNames.ToWire(type), Timestamp(at));

    public static EventDraft Purchase(string id, SimulatedUser user, DateTimeOffset at, SimulatedItem item, int quantity, decimal amount) =>
        Event(id, user, EventType.Purchase, at) with { ItemId = item.Id, Quantity = quantity, Amount = amount, Currency = Taxonomy.Currency };

    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static SimulatedItem PickItem(SimulatedUser user, int category, IReadOnlyList<SimulatedItem> items, Random random)
    {
        if (random.Chance(user.BrandLoyalty))
        {
            var brand = Taxonomy.Categories[category].Brands[user.FavouriteBrand[category]];
            return random.Pick(items.Where(i => i.Brand == brand).ToList());
        }

        return random.Pick(items);
    }
}

/// <summary>What a session contributed to the pre-period features.</summary>
public sealed record SessionSummary(DateTimeOffset At, int CartAdds, int Purchases, decimal Spend);
