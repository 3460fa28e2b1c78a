using System.Globalization;

namespace Platform.Domain.Audiences;

/// <summary>Evaluates a validated rule against one user, with the same meaning as the SQL the audience queries run.</summary>
public static class AudienceEvaluator
{
    public static bool Matches(Audience audience, string userId, UserSnapshot user) => audience switch
    {
        { All: true } => true,
        { UserIds: { } ids } => ids.Contains(userId),
        { Tags: { } tags } => user.Attributes?.Tags.Any(tags.Contains) == true,
        { Rule: { } rule } => Matches(rule, user),
        _ => false,
    };

    public static bool Matches(AudienceRule rule, UserSnapshot user)
    {
        if (rule.All is { } all)
        {
            return all.All(r => Matches(r, user));
        }

        if (rule.Any is { } any)
        {
            return any.Any(r => Matches(r, user));
        }

        if (rule.Not is { } not)
        {
            return !Matches(not, user);
        }

        var field = AudienceFields.Find(rule.Field!)!;
        var value = field.Read(user);
        if (field.Kind == FieldKind.Attribute && value is not null && rule.Op != RuleOperator.Exists)
        {
            // Custom attributes compare as numbers when the rule gives a number, else as their text form.
            return rule.Number is not null
                ? value is double number && NumberMatches(rule, number)
                : TextMatches(rule, value is double n ? n.ToString(CultureInfo.InvariantCulture) : (string)value);
        }

        return value switch
        {
            null => false, // as in SQL: nothing is true of a missing value, Exists included
            IEnumerable<string> list => ListMatches(rule, list),
            string text => TextMatches(rule, text),
            _ => NumberMatches(rule, Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        };
    }

    private static bool ListMatches(AudienceRule rule, IEnumerable<string> list) => rule.Op switch
    {
        RuleOperator.Exists => list.Any(),
        RuleOperator.Contains => list.Contains(rule.Value!, StringComparer.Ordinal),
        RuleOperator.In => list.Any(rule.Values!.Contains),
        _ => false,
    };

    private static bool TextMatches(AudienceRule rule, string text)
    {
        if (rule.Op == RuleOperator.Exists)
        {
            return true;
        }

        if (rule.Op == RuleOperator.In)
        {
            return rule.Values!.Contains(text, StringComparer.Ordinal);
        }

        var order = string.CompareOrdinal(text, rule.Value);
        return Compare(rule.Op!.Value, order);
    }

    private static bool NumberMatches(AudienceRule rule, double number) => rule.Op switch
    {
        RuleOperator.Exists => true,
        RuleOperator.In => rule.Values!.Any(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var candidate) && candidate == number),
        _ when rule.Number is { } expected => Compare(rule.Op!.Value, number.CompareTo(expected)),
        _ => false,
    };

    private static bool Compare(RuleOperator op, int order) => op switch
    {
        RuleOperator.Eq => order == 0,
        RuleOperator.Ne => order != 0,
        RuleOperator.Gt => order > 0,
        RuleOperator.Gte => order >= 0,
        RuleOperator.Lt => order < 0,
        RuleOperator.Lte => order <= 0,
        _ => false,
    };
}
