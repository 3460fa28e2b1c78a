using Platform.Domain.Errors;
using Platform.Domain.Catalog;
using Platform.Domain.Events;
using Platform.Domain.Users;

namespace Platform.Domain.Imports;

/// <summary>Turns cleaned rows into the drafts the API validates (docs/imports.md lists the columns).</summary>
public static class RowMappers
{
    public static readonly string[] UserColumns = ["id", "userId", "age", "gender", "region", "occupation", "signupDate", "tags"];
    public static readonly string[] ItemColumns = ["id", "itemId", "title", "categoryPath", "brand", "price", "currency", "tags"];
    public static readonly string[] EventColumns =
        ["eventId", "userId", "type", "occurredAt", "itemId", "categoryId", "quantity", "amount", "currency", "campaignId", "rating", "query", "durationSeconds", "properties"];

    public static (UserDraft Draft, IReadOnlyList<Violation> Violations) User(
        IReadOnlyDictionary<string, string?> cells, IReadOnlyList<AttributeDefinition> schema, IReadOnlyList<string> extraTags)
    {
        var row = new CellReader(cells);
        var attributes = new List<AttributeValue>();
        foreach (var definition in schema)
        {
            if (!row.Has(definition.Name) || row.Text(definition.Name) is null)
            {
                continue;
            }

            if (definition.Kind == AttributeKind.Categorical)
            {
                attributes.Add(new AttributeValue(definition.Name, null, row.Text(definition.Name)));
            }
            else if (row.Double(definition.Name) is { } number)
            {
                attributes.Add(new AttributeValue(definition.Name, number, null));
            }
        }

        var tags = (row.List("tags") ?? []).Concat(extraTags).Distinct().ToList();
        var draft = new UserDraft(
            row.Text("id") ?? row.Text("userId"), row.Integer("age"), row.Text("gender"), row.Text("region"), row.Text("occupation"),
            row.Text("signupDate"), attributes, tags.Count > 0 ? tags : null);
        return (draft, row.Violations);
    }

    public static (ItemDraft Draft, IReadOnlyList<Violation> Violations) Item(IReadOnlyDictionary<string, string?> cells)
    {
        var row = new CellReader(cells);
        var path = row.Text("categoryPath")?.Split(['>', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var draft = new ItemDraft(row.Text("id") ?? row.Text("itemId"), row.Text("title"), path, row.Text("brand"), row.Decimal("price"), row.Text("currency"), row.List("tags"));
        return (draft, row.Violations);
    }

    /// <summary>Rows without an eventId column get one from their content, so importing a file again stores nothing twice.</summary>
    public static (EventDraft Draft, IReadOnlyList<Violation> Violations) Event(IReadOnlyDictionary<string, string?> cells)
    {
        var row = new CellReader(cells);
        var draft = new EventDraft(
            row.Text("eventId") ?? ContentId(cells),
            row.Text("userId"),
            row.Text("type"),
            row.Text("occurredAt"),
            row.Text("itemId"),
            row.Text("categoryId"),
            row.Integer("quantity"),
            row.Amount("amount"),
            row.Text("currency"),
            row.Text("campaignId"),
            row.Decimal("rating"),
            row.Text("query"),
            row.Double("durationSeconds"),
            row.Properties("properties"));
        return (draft, row.Violations);
    }

    /// <summary>An event id made from a row's cells: the same row gives the same id in every import.</summary>
    public static string ContentId(IReadOnlyDictionary<string, string?> cells)
    {
        var canonical = string.Join('\u001f', cells.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));
        return "csv-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)))[..32];
    }
}
