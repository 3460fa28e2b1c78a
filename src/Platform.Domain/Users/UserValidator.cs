using Platform.Domain.Errors;
using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Domain.Events;

namespace Platform.Domain.Users;

/// <summary>Checks user attributes against the fixed rules and the tenant's attribute schema (docs/users.md).</summary>
public static partial class UserValidator
{
    public const int MaxTextLength = 64;
    public const int MaxTags = 50;
    public const int MaxAttributes = 50;

    public static (UserRecord? User, IReadOnlyList<Violation> Violations) Validate(UserDraft draft, IReadOnlyList<AttributeDefinition> schema)
    {
        var violations = new List<Violation>();
        if (Identifiers.Check("id", draft.UserId) is { } badId)
        {
            violations.Add(badId);
        }

        if (draft.Age is < 0 or > 120)
        {
            violations.Add(new("age", "out_of_range", "age must be between 0 and 120."));
        }

        var gender = Text(draft.Gender, "gender", violations);
        var region = Text(draft.Region, "region", violations);
        var occupation = Text(draft.Occupation, "occupation", violations);
        DateOnly? signup = null;
        if (draft.SignupDate is { } date)
        {
            if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                signup = parsed;
            }
            else
            {
                violations.Add(new("signupDate", "format", "signupDate must be a date like 2026-03-31."));
            }
        }

        var attributes = Attributes(draft.Attributes, schema, violations);
        var tags = Tags(draft.Tags, violations);
        return violations.Count > 0
            ? (null, violations)
            : (new UserRecord(draft.UserId!, draft.Age, gender, region, occupation, signup, attributes, tags), violations);
    }

    /// <summary>Tags are lowercase words: letters, digits, '_', '-', ':' (e.g. "artea:coupon", "vip").</summary>
    public static bool IsTag(string tag) => TagPattern().IsMatch(tag);

    private static string? Text(string? value, string field, List<Violation> violations)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length == 0 || trimmed.Length > MaxTextLength || trimmed.Any(char.IsControl))
        {
            violations.Add(new(field, "format", $"{field} must be 1-{MaxTextLength} printable characters."));
            return null;
        }

        return trimmed.ToLowerInvariant();
    }

    private static Dictionary<string, AttributeValue> Attributes(IReadOnlyList<AttributeValue>? values, IReadOnlyList<AttributeDefinition> schema, List<Violation> violations)
    {
        var result = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        if (values is null)
        {
            return result;
        }

        if (values.Count > MaxAttributes)
        {
            violations.Add(new("attributes", "too_many", $"attributes must hold at most {MaxAttributes} values per user."));
        }

        foreach (var value in values)
        {
            var field = $"attributes.{value.Name}";
            var definition = schema.FirstOrDefault(d => d.Name == value.Name);
            if (definition is null)
            {
                violations.Add(new(field, "undeclared", $"{field}: '{value.Name}' is not in the tenant's attribute schema (setAttributeSchema)."));
            }
            else if (definition.Kind == AttributeKind.Numeric && (value.Number is not { } number || !double.IsFinite(number) || value.Text is not null))
            {
                violations.Add(new(field, "not_numeric", $"{field}: '{value.Name}' is numeric: give a finite number."));
            }
            else if (definition.Kind == AttributeKind.Categorical && (string.IsNullOrWhiteSpace(value.Text) || value.Number is not null || value.Text.Length > MaxTextLength || FreeText.HasNul(value.Text)))
            {
                violations.Add(new(field, "not_categorical", $"{field}: '{value.Name}' is categorical: give a text of 1-{MaxTextLength} characters."));
            }
            else if (definition.AllowedValues is { Count: > 0 } allowed && !allowed.Contains(value.Text!))
            {
                violations.Add(new(field, "not_allowed", $"{field}: '{value.Text}' is not one of {string.Join(", ", allowed)}."));
            }
            else
            {
                result[value.Name] = value;
            }
        }

        return result;
    }

    private static List<string>? Tags(IReadOnlyList<string>? tags, List<Violation> violations)
    {
        if (tags is null)
        {
            return null;
        }

        if (tags.Count > MaxTags)
        {
            violations.Add(new("tags", "too_many", $"tags must hold at most {MaxTags} tags per user."));
        }

        foreach (var tag in tags.Where(t => !IsTag(t)))
        {
            violations.Add(new("tags", "format", $"tags: '{tag}' must be 1-64 lowercase letters, digits, '_', '-' or ':'."));
        }

        return tags.Distinct(StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex("^[a-z0-9_:-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
