using Platform.Domain.Errors;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Domain.Events;

/// <summary>
/// Checks one event against the rules in <see cref="EventRules"/> and the tenant's horizon. Every broken
/// rule is reported, not only the first, so a client can fix an event in one go.
/// </summary>
public static partial class EventValidator
{
    public static (BehaviorEvent? Event, IReadOnlyList<Violation> Violations) Validate(EventDraft draft, DateTimeOffset now, TimeSpan horizon)
    {
        var violations = new List<Violation>();
        var eventId = Identifier(draft.EventId, "eventId", required: true, violations);
        var userId = Identifier(draft.UserId, "userId", required: true, violations);
        var itemId = Identifier(draft.ItemId, "itemId", required: false, violations);
        var categoryId = Identifier(draft.CategoryId, "categoryId", required: false, violations);
        var campaignId = Identifier(draft.CampaignId, "campaignId", required: false, violations);

        EventType? type = null;
        if (string.IsNullOrEmpty(draft.Type))
        {
            violations.Add(new("type", "required", "type is required."));
        }
        else if (EventTypeNames.TryParse(draft.Type, out var parsed))
        {
            type = parsed;
        }
        else
        {
            violations.Add(new("type", "unknown_type", $"type '{Shorten(draft.Type)}' is not one of {string.Join(", ", EventTypeNames.All.Order(StringComparer.Ordinal))}."));
        }

        var occurredAt = Timestamp(draft.OccurredAt, now, horizon, violations);
        Range(draft.Quantity, "quantity", 1, EventRules.MaxQuantity, violations);
        Rating(draft.Rating, violations);
        Amount(draft.Amount, draft.Currency, violations);
        Duration(draft.DurationSeconds, violations);
        if (draft.Query is { Length: > EventRules.MaxQueryLength })
        {
            violations.Add(new("query", "too_long", $"query must be at most {EventRules.MaxQueryLength} characters."));
        }
        else if (FreeText.HasNul(draft.Query))
        {
            violations.Add(new("query", "format", $"query {FreeText.NulMessage}."));
        }

        Properties(draft.Properties, violations);
        if (type is { } known)
        {
            RequiredForType(draft, known, violations);
        }

        if (violations.Count > 0)
        {
            return (null, violations);
        }

        return (new BehaviorEvent(
            eventId!, userId!, type!.Value, occurredAt!.Value, itemId, categoryId,
            draft.Quantity, draft.Amount is { } amount ? EventRules.Canonical(amount) : null, draft.Currency, campaignId, draft.Rating is { } rating ? EventRules.Canonical(rating) : null,
            draft.Query, draft.DurationSeconds, draft.Properties is { Count: > 0 } properties ? properties : null), violations);
    }

    private static string? Identifier(string? value, string field, bool required, List<Violation> violations)
    {
        if (Identifiers.Check(field, value, required) is { } broken)
        {
            violations.Add(broken);
        }

        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static DateTimeOffset? Timestamp(string? value, DateTimeOffset now, TimeSpan horizon, List<Violation> violations)
    {
        if (string.IsNullOrEmpty(value))
        {
            violations.Add(new("occurredAt", "required", "occurredAt is required."));
            return null;
        }

        if (TryParseTimestamp(value) is not { } occurredAt)
        {
            violations.Add(new("occurredAt", "format", "occurredAt must be an ISO-8601 timestamp with a UTC offset, e.g. 2026-11-27T10:15:00Z."));
            return null;
        }

        if (occurredAt > now + EventRules.FutureTolerance)
        {
            violations.Add(new("occurredAt", "in_future", $"occurredAt is more than {EventRules.FutureTolerance.TotalMinutes:0} minutes in the future."));
        }
        else if (occurredAt < now - horizon)
        {
            violations.Add(new("occurredAt", "before_horizon", $"occurredAt is older than the tenant's horizon of {horizon.TotalDays:0} days."));
        }

        return occurredAt.ToUniversalTime();
    }

    /// <summary>An occurredAt as the API takes it: ISO-8601 with an explicit offset (docs/events.md), else null.</summary>
    public static DateTimeOffset? TryParseTimestamp(string value)
    {
        var normalized = value.EndsWith('z') ? value[..^1] + "Z" : value;
        return ExplicitOffset().IsMatch(normalized)
            && DateTimeOffset.TryParseExact(normalized, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var occurredAt)
            ? occurredAt
            : null;
    }

    private static void Range(int? value, string field, int min, int max, List<Violation> violations)
    {
        if (value is { } v && (v < min || v > max))
        {
            violations.Add(new(field, "out_of_range", $"{field} must be between {min} and {max}."));
        }
    }

    private static void Rating(decimal? rating, List<Violation> violations)
    {
        if (rating is { } value && (value < EventRules.MinRating || value > EventRules.MaxRating))
        {
            violations.Add(new("rating", "out_of_range", $"rating must be between {EventRules.MinRating} and {EventRules.MaxRating:0}."));
        }
        else if (rating is { } precise && decimal.Round(precise, EventRules.MaxRatingDecimals) != precise)
        {
            violations.Add(new("rating", "too_precise", $"rating has at most {EventRules.MaxRatingDecimals} decimal place."));
        }
    }

    private static void Amount(decimal? amount, string? currency, List<Violation> violations)
    {
        if (amount is { } value && (value < 0 || value > EventRules.MaxAmount))
        {
            violations.Add(new("amount", "out_of_range", $"amount must be between 0 and {EventRules.MaxAmount:0}."));
        }
        else if (amount is { } precise && decimal.Round(precise, EventRules.MaxAmountDecimals) != precise)
        {
            violations.Add(new("amount", "too_precise", $"amount has at most {EventRules.MaxAmountDecimals} decimal places."));
        }

        if (currency is not null && !CurrencyCode().IsMatch(currency))
        {
            violations.Add(new("currency", "format", "currency must be a three-letter ISO 4217 code such as EUR."));
        }
        else if (amount is not null && currency is null)
        {
            violations.Add(new("currency", "required_with_amount", "currency is required when amount is given."));
        }
    }

    private static void Duration(double? seconds, List<Violation> violations)
    {
        if (seconds is not { } value)
        {
            return;
        }

        if (!double.IsFinite(value))
        {
            violations.Add(new("durationSeconds", "not_finite", "durationSeconds must be a finite number."));
        }
        else if (value < 0 || value > EventRules.MaxDurationSeconds)
        {
            violations.Add(new("durationSeconds", "out_of_range", $"durationSeconds must be between 0 and {EventRules.MaxDurationSeconds:0}."));
        }
    }

    private static void Properties(IReadOnlyDictionary<string, string>? properties, List<Violation> violations)
    {
        if (properties is null)
        {
            return;
        }

        if (properties.Count > EventRules.MaxProperties)
        {
            violations.Add(new("properties", "too_many", $"properties may have at most {EventRules.MaxProperties} entries."));
        }

        foreach (var (key, value) in properties)
        {
            if (!PropertyKey().IsMatch(key))
            {
                violations.Add(new($"properties.{Shorten(key)}", "format",
                    $"property names are 1-{EventRules.MaxPropertyKeyLength} characters of letters, digits, '_', '-' and '.'."));
            }
            else if (value is null || value.Length > EventRules.MaxPropertyValueLength)
            {
                violations.Add(new($"properties.{key}", "too_long", $"property values are strings of at most {EventRules.MaxPropertyValueLength} characters."));
            }
            else if (FreeText.HasNul(value))
            {
                violations.Add(new($"properties.{key}", "format", $"property values {FreeText.NulMessage}."));
            }
        }
    }

    private static void RequiredForType(EventDraft draft, EventType type, List<Violation> violations)
    {
        foreach (var alternatives in EventRules.RequiredFor(type))
        {
            if (!alternatives.Any(field => IsPresent(draft, field)) && !violations.Any(v => alternatives.Contains(v.Field)))
            {
                violations.Add(new(
                    alternatives[0],
                    "required_for_type",
                    $"{EventTypeNames.ToWire(type)} events need {string.Join(" or ", alternatives)}."));
            }
        }
    }

    private static bool IsPresent(EventDraft draft, string field) => field switch
    {
        "itemId" => !string.IsNullOrEmpty(draft.ItemId),
        "categoryId" => !string.IsNullOrEmpty(draft.CategoryId),
        "campaignId" => !string.IsNullOrEmpty(draft.CampaignId),
        "query" => !string.IsNullOrWhiteSpace(draft.Query),
        "rating" => draft.Rating is not null,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not an event field"),
    };

    private static string Shorten(string value) => FreeText.Shorten(value, 40);

    // RFC 3339 / ISO-8601 with an explicit offset: 2026-11-27T10:15:00Z, 2026-11-27T10:15:00.123+01:00.
    private static readonly string[] IsoFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];

    [GeneratedRegex("(Z|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex ExplicitOffset();

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyCode();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex PropertyKey();
}
