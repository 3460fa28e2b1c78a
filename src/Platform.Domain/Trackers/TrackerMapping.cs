using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Platform.Domain.Errors;
using Platform.Domain.Users;

namespace Platform.Domain.Trackers;

/// <summary>
/// Turns one message of the Segment HTTP tracking API (which RudderStack speaks too) into platform events, a user
/// attribute update or an alias (docs/trackers.md has the table). The platform's own rules are checked afterwards, by
/// the same validators as ingestEvents and upsertUsers; this only refuses what cannot be mapped at all.
/// </summary>
public static class TrackerMapping
{
    public static readonly IReadOnlyList<string> Calls = ["track", "identify", "page", "screen", "alias", "group"];

    /// <param name="call">The call its path names (/v1/track), or null in a batch, where the message's type says.</param>
    /// <param name="batchSentAt">The batch's sentAt, for messages that have none of their own.</param>
    public static TrackerMessage Map(
        JsonElement message, string? call, DateTimeOffset receivedAt, DateTimeOffset? batchSentAt, IReadOnlyList<AttributeDefinition> schema)
    {
        var problems = new List<Violation>();
        if (message.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new("message", "format", "A message must be a JSON object."));
            return new TrackerMessage(call ?? "unknown", ContentId(message), null, null, [], null, [], null, problems);
        }

        var fields = new TrackerFields(problems);
        call ??= fields.Text(message, "type", "type");
        var messageId = fields.Text(message, "messageId", "messageId") is { Length: > 0 } given ? given : ContentId(message);
        var userId = fields.Text(message, "userId", "userId") is { Length: > 0 } known ? known : fields.Text(message, "anonymousId", "anonymousId");
        var eventName = call switch
        {
            "track" => fields.Text(message, "event", "event"),
            "page" or "screen" => fields.Text(message, "name", "name"),
            _ => null,
        };

        if (call is null)
        {
            problems.Add(new("type", "required", $"type is required: one of {string.Join(", ", Calls)}."));
        }
        else if (!Calls.Contains(call))
        {
            problems.Add(new("type", "unknown_type", $"type '{Shorten(call)}' is not one of {string.Join(", ", Calls)}."));
        }

        if (string.IsNullOrEmpty(userId) && call != "alias")
        {
            problems.Add(new("userId", "required", "userId or anonymousId is required."));
        }

        var occurredAt = OccurredAt(message, fields, receivedAt, batchSentAt);
        if (problems.Count > 0 || call is null)
        {
            return new TrackerMessage(call ?? "unknown", messageId, eventName, userId, [], null, [], null, problems);
        }

        return call switch
        {
            "track" => Track(message, fields, problems, messageId, eventName, userId!, occurredAt),
            "identify" => Identify(message, fields, problems, messageId, userId!, schema),
            "alias" => Alias(message, fields, problems, messageId, userId),
            _ => new TrackerMessage(call, messageId, eventName, userId, [], null, [], null,
                [new Violation("type", TrackerRules.NoMapping, $"{call} calls are not stored: the platform keeps the e-commerce events of track calls.")]),
        };
    }

    /// <summary>
    /// When the event happened: timestamp as given; else originalTimestamp corrected for the client's clock
    /// (receivedAt − (sentAt − originalTimestamp), as the spec says); else the time the platform received it.
    /// </summary>
    private static string OccurredAt(JsonElement message, TrackerFields fields, DateTimeOffset receivedAt, DateTimeOffset? batchSentAt)
    {
        if (fields.Timestamp(message, "timestamp", "timestamp") is { } timestamp)
        {
            return Format(timestamp);
        }

        if (fields.Timestamp(message, "originalTimestamp", "originalTimestamp") is not { } original)
        {
            return Format(receivedAt);
        }

        var sentAt = fields.Timestamp(message, "sentAt", "sentAt") ?? batchSentAt;
        if (sentAt is not { } sent)
        {
            return Format(original);
        }

        var skew = sent - original;
        if (skew.Duration() > MaxClockSkew)
        {
            fields.Refuse("originalTimestamp", "out_of_range", $"originalTimestamp and sentAt are more than {MaxClockSkew.TotalDays:0} days apart.");
            return Format(receivedAt);
        }

        return Format(receivedAt - skew);
    }

    /// <summary>How far a client's clock may be off (and a message may wait in its queue) for the correction to be believed.</summary>
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromDays(3650);

    private static TrackerMessage Track(
        JsonElement message, TrackerFields fields, List<Violation> problems, string messageId, string? eventName, string userId, string occurredAt)
    {
        if (string.IsNullOrEmpty(eventName))
        {
            problems.Add(new("event", "required", "A track call needs its event name."));
            return new TrackerMessage("track", messageId, eventName, userId, [], null, [], null, problems);
        }

        var properties = fields.Object(message, "properties", "properties") ?? EmptyObject;
        var events = TrackerEvents.Map(eventName, properties, fields, problems, new TrackerEvents.Context(messageId, userId, occurredAt));
        if (events is null && problems.Count == 0)
        {
            problems.Add(new("event", TrackerRules.NoMapping, $"'{Shorten(eventName)}' is not an e-commerce event the platform maps (docs/trackers.md lists them)."));
        }

        return new TrackerMessage("track", messageId, eventName, userId, problems.Count > 0 ? [] : events!, null, [], null, problems);
    }

    private static TrackerMessage Identify(
        JsonElement message, TrackerFields fields, List<Violation> problems, string messageId, string userId, IReadOnlyList<AttributeDefinition> schema)
    {
        var traits = fields.Object(message, "traits", "traits")
            ?? (fields.Object(message, "context", "context") is { } context ? fields.Object(context, "traits", "context.traits") : null)
            ?? EmptyObject;
        var (user, ignored) = TrackerTraits.Map(userId, traits, fields, schema);
        return new TrackerMessage("identify", messageId, null, userId, [], problems.Count > 0 ? null : user, ignored, null, problems);
    }

    private static TrackerMessage Alias(JsonElement message, TrackerFields fields, List<Violation> problems, string messageId, string? userId)
    {
        var previousId = fields.Text(message, "previousId", "previousId");
        if (string.IsNullOrEmpty(previousId))
        {
            problems.Add(new("previousId", "required", "An alias call needs previousId (the anonymous id) and userId."));
        }

        var knownId = fields.Text(message, "userId", "userId");
        if (string.IsNullOrEmpty(knownId))
        {
            problems.Add(new("userId", "required", "An alias call needs previousId (the anonymous id) and userId."));
        }
        else if (knownId == previousId)
        {
            problems.Add(new("previousId", "same_user", "previousId and userId are the same user."));
        }

        foreach (var (field, id) in new[] { ("previousId", previousId), ("userId", knownId) })
        {
            if (!string.IsNullOrEmpty(id) && Identifiers.Check(field, id) is { } broken)
            {
                problems.Add(broken);
            }
        }

        return new TrackerMessage("alias", messageId, null, knownId ?? userId, [], null, [],
            problems.Count > 0 ? null : new TrackerAlias(previousId!, knownId!), problems);
    }

    /// <summary>
    /// The id of a message sent without messageId: a hash of its content (its sentAt left out), so that a client
    /// retrying the same message is stored once. Two identical messages without ids are one event.
    /// </summary>
    public static string ContentId(JsonElement message)
    {
        var content = new StringBuilder();
        if (message.ValueKind == JsonValueKind.Object)
        {
            // Raw texts: nothing is unescaped, so a key given twice or a broken string hashes like any other.
            foreach (var property in message.EnumerateObject().Where(p => !p.NameEquals("sentAt") && !p.NameEquals("writeKey")))
            {
                content.Append(property.ToString()).Append('\n');
            }
        }
        else
        {
            content.Append(message.GetRawText());
        }

        return "content-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.ToString())))[..40];
    }

    /// <summary>A batch's sentAt, when it is a timestamp with an offset.</summary>
    public static DateTimeOffset? SentAt(JsonElement batch)
    {
        try
        {
            return batch.ValueKind == JsonValueKind.Object ? new TrackerFields([]).Timestamp(batch, "sentAt", "sentAt") : null;
        }
        catch (InvalidOperationException)
        {
            return null; // a string that is not text
        }
    }

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    internal static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;
}
