using System.Globalization;
using System.Text.Json;
using Platform.Domain.Users;

namespace Platform.Domain.Trackers;

/// <summary>
/// identify traits → the user's attributes (docs/trackers.md#identify): age, gender, occupation (else title), region
/// (else address.country), createdAt → signupDate, tags added to the user's tags, and every trait named like a
/// declared custom attribute. Other traits — names, emails, phone numbers among them — are not stored and are listed.
/// </summary>
internal static class TrackerTraits
{
    private static readonly HashSet<string> BuiltIn = new(StringComparer.Ordinal)
    {
        "age", "gender", "occupation", "title", "region", "address", "createdAt", "tags",
    };

    public static (UserDraft? User, IReadOnlyList<string> Ignored) Map(string userId, JsonElement traits, TrackerFields fields, IReadOnlyList<AttributeDefinition> schema)
    {
        var attributes = new List<AttributeValue>();
        var ignored = new List<string>();
        foreach (var trait in traits.EnumerateObject())
        {
            if (schema.FirstOrDefault(d => d.Name == trait.Name) is { } declared)
            {
                attributes.Add(Attribute(declared, trait.Value, fields));
            }
            else if (!BuiltIn.Contains(trait.Name))
            {
                ignored.Add(trait.Name);
            }
        }

        var address = fields.Object(traits, "address", "traits.address");
        var user = new UserDraft(
            userId,
            Age: fields.Integer(traits, "age", "traits.age"),
            Gender: fields.Text(traits, "gender", "traits.gender"),
            Region: fields.Text(traits, "region", "traits.region") ?? (address is { } a ? fields.Text(a, "country", "traits.address.country") : null),
            Occupation: fields.Text(traits, "occupation", "traits.occupation") ?? fields.Text(traits, "title", "traits.title"),
            SignupDate: fields.Timestamp(traits, "createdAt", "traits.createdAt")?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Attributes: attributes.Count > 0 ? attributes : null,
            Tags: Tags(traits, fields));
        var changesSomething = user.Age is not null || user.Gender is not null || user.Region is not null || user.Occupation is not null
            || user.SignupDate is not null || user.Attributes is not null || user.Tags is not null;
        return (changesSomething ? user : null, ignored.Order(StringComparer.Ordinal).ToList());
    }

    private static AttributeValue Attribute(AttributeDefinition declared, JsonElement value, TrackerFields fields)
    {
        var path = $"traits.{declared.Name}";
        return declared.Kind == AttributeKind.Numeric
            ? new AttributeValue(declared.Name, (double?)fields.Decimal(value, path), null)
            : new AttributeValue(declared.Name, null, fields.Text(value, path));
    }

    private static IReadOnlyList<string>? Tags(JsonElement traits, TrackerFields fields)
    {
        var tags = fields.Array(traits, "tags", "traits.tags");
        for (var i = 0; i < tags?.Count; i++)
        {
            if (tags[i].ValueKind != JsonValueKind.String)
            {
                fields.Refuse($"traits.tags[{i}]", "format", $"traits.tags[{i}] must be a string.");
            }
        }

        return tags?.Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList();
    }
}
