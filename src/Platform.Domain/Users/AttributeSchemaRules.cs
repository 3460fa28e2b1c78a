using Platform.Domain.Errors;
using System.Text.RegularExpressions;
using Platform.Domain.Events;

namespace Platform.Domain.Users;

/// <summary>Rules for a tenant's attribute schema.</summary>
public static partial class AttributeSchemaRules
{
    public const int MaxAttributes = 50;
    public const int MaxAllowedValues = 200;

    public static IReadOnlyList<Violation> Validate(IReadOnlyList<AttributeDefinition> schema)
    {
        var violations = new List<Violation>();
        if (schema.Count > MaxAttributes)
        {
            violations.Add(new("attributes", "too_many", $"attributes must declare at most {MaxAttributes} custom attributes."));
        }

        foreach (var (definition, index) in schema.Select((d, i) => (d, i)))
        {
            var field = $"attributes[{index}]";
            if (!NamePattern().IsMatch(definition.Name))
            {
                violations.Add(new($"{field}.name", "format", $"{field}.name must be 1-40 characters: a lowercase letter, then lowercase letters, digits or '_'."));
            }

            if (definition.Kind == AttributeKind.Numeric && definition.AllowedValues is { Count: > 0 })
            {
                violations.Add(new($"{field}.allowedValues", "not_categorical", $"{field}.allowedValues is only for categorical attributes."));
            }

            if (definition.AllowedValues is { Count: > MaxAllowedValues })
            {
                violations.Add(new($"{field}.allowedValues", "too_many", $"{field}.allowedValues must list at most {MaxAllowedValues} values."));
            }
        }

        foreach (var duplicate in schema.GroupBy(d => d.Name).Where(g => g.Count() > 1))
        {
            violations.Add(new("attributes", "duplicate", $"attributes declare '{duplicate.Key}' twice."));
        }

        return violations;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
