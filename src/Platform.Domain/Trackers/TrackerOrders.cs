using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Platform.Domain.Errors;
using Platform.Domain.Events;

namespace Platform.Domain.Trackers;

/// <summary>
/// Order Completed → one PURCHASE per product (the platform's purchases are order lines), each with its quantity and
/// its share of the order's revenue (else total): shares follow price × quantity (quantity alone when any product has
/// no price), so the lines add up to the order exactly. Without revenue or total, each line is price × quantity, of unknown value without a price. An order
/// without products is one PURCHASE without an item. Line n of message m has event id "m#n" (docs/trackers.md#shoppers-ids-and-times).
/// </summary>
public static class TrackerOrders
{
    private sealed record Line(EventDraft Draft, Dictionary<string, string> Sources, int Quantity, decimal? Price);

    internal static IReadOnlyList<TrackedEvent> Map(
        EventDraft order, JsonElement properties, TrackerFields fields, List<Violation> problems, Dictionary<string, string> sources)
    {
        sources["currency"] = "properties.currency";
        var currency = TrackerEvents.Currency(properties, fields);
        var revenue = fields.Decimal(properties, "revenue", "properties.revenue");
        var total = fields.Decimal(properties, "total", "properties.total");
        var orderValue = revenue ?? total;
        var orderValueField = revenue is null && total is not null ? "properties.total" : "properties.revenue";
        sources["amount"] = orderValueField;
        order = order with { Currency = currency };

        var products = fields.Array(properties, "products", "properties.products") ?? [];
        if (products.Count > TrackerEvents.MaxProducts)
        {
            problems.Add(new("properties.products", "too_many", $"An order may list at most {TrackerEvents.MaxProducts} products."));
            return [];
        }

        if (products.Count == 0)
        {
            return [new(order with { Amount = orderValue }, sources)];
        }

        for (var i = 0; i < products.Count; i++)
        {
            if (products[i].ValueKind != JsonValueKind.Object)
            {
                problems.Add(new($"properties.products[{i}]", "format", $"properties.products[{i}] must be an object."));
            }
            else if (fields.Decimal(products[i], "price", $"properties.products[{i}].price") < 0)
            {
                problems.Add(new($"properties.products[{i}].price", "out_of_range", $"properties.products[{i}].price must not be negative."));
            }
        }

        List<Line> lines = problems.Count > 0 ? [] : products.Select((product, i) => ReadLine(order, product, $"properties.products[{i}]", fields, sources)).ToList();
        if (problems.Count > 0)
        {
            return [];
        }

        var amounts = Amounts(lines, orderValue, orderValueField, problems);
        if (problems.Count > 0)
        {
            return [];
        }

        var ids = LineIds(order.EventId!, lines.Count);
        return lines.Select((line, i) => new TrackedEvent(
            line.Draft with { EventId = ids[i], Amount = amounts[i] },
            new Dictionary<string, string>(line.Sources) { ["amount"] = orderValue is null ? $"properties.products[{i}].price" : orderValueField })).ToList();
    }

    private static Line ReadLine(EventDraft order, JsonElement product, string path, TrackerFields fields, Dictionary<string, string> orderSources)
    {
        var sources = new Dictionary<string, string>(orderSources);
        var draft = TrackerEvents.Product(order, product, path, fields, sources, withQuantity: true);
        var quantity = draft.Quantity ?? 1;
        var properties = new Dictionary<string, string>(order.Properties ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in TrackerEvents.Kept(product, ["sku", "name", "brand", "variant", "price", "coupon"]) ?? [])
        {
            properties["product_" + key] = value;
        }

        return new(draft with { Quantity = quantity, Properties = properties.Count > 0 ? properties : null }, sources, quantity,
            fields.Decimal(product, "price", $"{path}.price"));
    }

    /// <summary>
    /// Each line's amount: without an order value, price × quantity (none, an unknown value, without a price); with one, its
    /// share by largest remainder in ten-thousandths, so no line goes below zero and the lines add up to the order exactly.
    /// </summary>
    private static decimal?[] Amounts(IReadOnlyList<Line> lines, decimal? orderValue, string valueField, List<Violation> problems)
    {
        try
        {
            var priced = lines.All(l => l.Price is not null);
            if (orderValue is not { } total)
            {
                return lines.Select(l => l.Price * l.Quantity).ToArray(); // a line without a price is of unknown value
            }

            if (total < 0)
            {
                return lines.Select(_ => (decimal?)total).ToArray(); // refused by the event rules, naming the order's value
            }

            if (Round(total) != total)
            {
                problems.Add(new(valueField, "too_precise", $"{valueField} has at most {EventRules.MaxAmountDecimals} decimal places."));
                return [];
            }

            // By value; by quantity when the prices are missing or all zero; equally when the quantities are no help either.
            var weights = lines.Select(l => priced ? l.Price!.Value * Math.Max(l.Quantity, 0) : 0m).ToArray();
            if (weights.Sum() <= 0)
            {
                weights = lines.Select(l => (decimal)Math.Max(l.Quantity, 0)).ToArray();
            }

            if (weights.Sum() <= 0)
            {
                weights = lines.Select(_ => 1m).ToArray();
            }

            var units = total / Unit;
            var exact = weights.Select(w => units * (w / weights.Sum())).ToArray();
            var whole = exact.Select(decimal.Floor).ToArray();
            var left = (int)(units - whole.Sum());
            foreach (var i in Enumerable.Range(0, lines.Count).OrderByDescending(i => exact[i] - whole[i]).ThenBy(i => i).Take(left))
            {
                whole[i]++;
            }

            return whole.Select(w => (decimal?)(w * Unit)).ToArray();
        }
        catch (OverflowException)
        {
            problems.Add(new(valueField, "out_of_range", $"The order's value, prices or quantities are too large (at most {EventRules.MaxAmount:0} per line)."));
            return [];
        }
    }

    private const decimal Unit = 0.0001m;

    private static decimal Round(decimal value) => decimal.Round(value, EventRules.MaxAmountDecimals, MidpointRounding.AwayFromZero);

    /// <summary>"m#1", "m#2", …; a message id too long to take the suffix is replaced by its hash first.</summary>
    public static string[] LineIds(string messageId, int count)
    {
        var suffixLength = 1 + count.ToString().Length;
        var stem = messageId.Length + suffixLength <= Identifiers.MaxLength
            ? messageId
            : "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)));
        return Enumerable.Range(1, count).Select(n => $"{stem}#{n}").ToArray();
    }
}
