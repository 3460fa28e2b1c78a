using Platform.Domain.Decisions;
using Platform.Domain.Errors;
using Platform.Domain.Events;

namespace Platform.Domain.Audiences;

/// <summary>Checks a rule before it is stored or run: known fields, operators that fit them, bounded size.</summary>
public static class AudienceRules
{
    public const int MaxDepth = 6;
    public const int MaxConditions = 50;
    public const int MaxValues = 1_000;

    public static IReadOnlyList<Violation> Validate(AudienceRule rule, string path = "rule")
    {
        var violations = new List<Violation>();
        var conditions = 0;
        Check(rule, path, 1, violations, ref conditions);
        if (conditions > MaxConditions)
        {
            violations.Add(new(path, "too_many", $"{path} has at most {MaxConditions} conditions."));
        }

        return violations;
    }

    public static IReadOnlyList<Violation> Validate(Audience audience, string path = "audience")
    {
        var given = (audience.All ? 1 : 0) + (audience.UserIds is null ? 0 : 1) + (audience.Tags is null ? 0 : 1) + (audience.Rule is null ? 0 : 1)
            + (audience.Uplift is null ? 0 : 1);
        if (given != 1)
        {
            return [new(path, "one_of", $"{path} must give exactly one of all, userIds, tags, rule or uplift.")];
        }

        if (audience.Uplift is { } uplift)
        {
            return Validate(uplift, $"{path}.uplift");
        }

        if (audience.UserIds is { Count: > Audience.MaxUserIds })
        {
            return [new($"{path}.userIds", "too_many", $"{path}.userIds must list at most {Audience.MaxUserIds} ids.")];
        }

        if (audience.UserIds is { } ids)
        {
            return ids.Select((id, i) => Identifiers.Check($"{path}.userIds[{i}]", id)).OfType<Violation>().ToList();
        }

        if (audience.Tags is { } tags)
        {
            return tags.Select((tag, i) => FreeText.HasNul(tag) ? new Violation($"{path}.tags[{i}]", "format", $"{path}.tags[{i}] {FreeText.NulMessage}.") : null)
                .OfType<Violation>().ToList();
        }

        return audience.Rule is { } rule ? Validate(rule, $"{path}.rule") : [];
    }

    private static List<Violation> Validate(UpliftSelection uplift, string path)
    {
        var violations = new List<Violation>();
        switch (uplift.Keep)
        {
            case TargetingKind.PositiveMargin when uplift.Percent is not null:
                violations.Add(new($"{path}.percent", "not_applicable", $"{path}.percent goes with TOP_PERCENT or TOP_UPLIFT_PERCENT only."));
                break;
            case var kind when DesignTargeting.IsTop(kind) && uplift.Percent is not (> 0 and <= 100):
                violations.Add(new($"{path}.percent", "out_of_range", $"{path}.percent must be in (0, 100] with TOP_PERCENT or TOP_UPLIFT_PERCENT."));
                break;
            case TargetingKind.All:
                violations.Add(new($"{path}.keep", "not_applicable", $"{path}.keep must be POSITIVE_MARGIN, TOP_PERCENT or TOP_UPLIFT_PERCENT."));
                break;
        }

        if (uplift.CampaignId is { } id && Identifiers.Check($"{path}.campaignId", id) is { } badId)
        {
            violations.Add(badId);
        }

        if (uplift.Among is { Uplift: not null })
        {
            violations.Add(new($"{path}.among", "not_applicable", $"{path}.among cannot itself be an uplift audience."));
        }
        else if (uplift.Among is { } among)
        {
            violations.AddRange(Validate(among, $"{path}.among"));
        }

        return violations;
    }

    private static void Check(AudienceRule rule, string path, int depth, List<Violation> violations, ref int conditions)
    {
        if (depth > MaxDepth)
        {
            violations.Add(new(path, "too_deep", $"{path} nests too deep: rules nest at most {MaxDepth} levels."));
            return;
        }

        var shapes = (rule.All is null ? 0 : 1) + (rule.Any is null ? 0 : 1) + (rule.Not is null ? 0 : 1) + (rule.Field is null ? 0 : 1);
        if (shapes != 1)
        {
            violations.Add(new(path, "one_of", $"{path} must be exactly one of all, any, not, or a field condition."));
            return;
        }

        foreach (var (child, index) in (rule.All ?? rule.Any ?? []).Select((c, i) => (c, i)))
        {
            Check(child, $"{path}.{(rule.All is null ? "any" : "all")}[{index}]", depth + 1, violations, ref conditions);
        }

        if (rule.Not is { } not)
        {
            Check(not, $"{path}.not", depth + 1, violations, ref conditions);
        }

        if (rule.Field is { } name)
        {
            conditions++;
            CheckCondition(rule, name, path, violations);
        }
    }

    private static void CheckCondition(AudienceRule rule, string name, string path, List<Violation> violations)
    {
        var field = AudienceFields.Find(name);
        if (field is null)
        {
            violations.Add(new($"{path}.field", "unknown_field", $"{path}.field '{name}' is not a field rules can test (docs/audiences.md)."));
            return;
        }

        if (rule.Op is not { } op)
        {
            violations.Add(new($"{path}.op", "required", $"{path}.op is required with a field."));
            return;
        }

        var ordered = op is RuleOperator.Gt or RuleOperator.Gte or RuleOperator.Lt or RuleOperator.Lte;
        string? problem = (field.Kind, op) switch
        {
            (_, RuleOperator.Exists) => null,
            (_, RuleOperator.In) when rule.Values is not { Count: > 0 } => "IN needs values",
            (_, RuleOperator.In) when rule.Values.Count > MaxValues => $"IN takes at most {MaxValues} values",
            (_, RuleOperator.In) => null,
            (FieldKind.TextList, RuleOperator.Contains) when rule.Value is null => "CONTAINS needs value",
            (FieldKind.TextList, RuleOperator.Contains) => null,
            (FieldKind.TextList, _) => "list fields take CONTAINS, IN or EXISTS",
            (_, RuleOperator.Contains) => "CONTAINS is for list fields",
            (FieldKind.Number, _) when rule.Number is null => "number fields compare with number",
            (FieldKind.Text, _) when ordered => "text fields take EQ, NE, IN or EXISTS",
            (FieldKind.Text or FieldKind.Date, _) when rule.Value is null => "give value",
            (FieldKind.Attribute, _) when rule.Number is null && rule.Value is null => "give number or value",
            (FieldKind.Attribute, _) when ordered && rule.Number is null => "ordering an attribute needs number",
            _ => null,
        };
        if (problem is not null)
        {
            violations.Add(new($"{path}.op", "not_applicable", $"{path}.op does not fit {name}: {problem}."));
        }

        if (FreeText.HasNul(rule.Value) || rule.Values?.Any(FreeText.HasNul) == true)
        {
            violations.Add(new($"{path}.{(FreeText.HasNul(rule.Value) ? "value" : "values")}", "format", $"{path}: values {FreeText.NulMessage}."));
        }
    }
}
