using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Domain.Events;

namespace Platform.Domain.Audiences;

/// <summary>
/// The fields audience rules may test (docs/audiences.md). Storage compiles the same names to SQL over the
/// profile projection; a test checks both agree. Parametric fields: attribute.NAME and counter.TYPE.WINDOW
/// (WINDOW = total, last7Days or last30Days).
/// </summary>
public static partial class AudienceFields
{
    private static readonly Dictionary<string, AudienceField> Fixed = new AudienceField[]
    {
        new("age", FieldKind.Number, s => s.Attributes?.Age),
        new("gender", FieldKind.Text, s => s.Attributes?.Gender),
        new("region", FieldKind.Text, s => s.Attributes?.Region),
        new("occupation", FieldKind.Text, s => s.Attributes?.Occupation),
        new("signupDate", FieldKind.Date, s => s.Attributes?.SignupDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new("tags", FieldKind.TextList, s => s.Attributes?.Tags ?? []),
        new("interestTags", FieldKind.TextList, s => s.View.InterestTags),
        new("segment", FieldKind.Text, s => s.View.Rfm.Segment),
        new("rfm.r", FieldKind.Number, s => s.View.Rfm.R),
        new("rfm.f", FieldKind.Number, s => s.View.Rfm.F),
        new("rfm.m", FieldKind.Number, s => s.View.Rfm.M),
        new("recencyDays", FieldKind.Number, s => s.View.Rfm.RecencyDays),
        new("frequency90", FieldKind.Number, s => s.View.Rfm.Frequency90),
        new("monetary90", FieldKind.Number, s => s.View.Rfm.Monetary90),
        new("purchases", FieldKind.Number, s => s.View.Purchases),
        new("revenue", FieldKind.Number, s => s.View.Revenue),
        new("discountSensitivity", FieldKind.Number, s => s.View.DiscountSensitivity),
        new("topCategories", FieldKind.TextList, s => s.View.CategoryAffinities.Take(TopKeys).Select(a => a.Key).ToList()),
        new("topBrands", FieldKind.TextList, s => s.View.BrandAffinities.Take(TopKeys).Select(a => a.Key).ToList()),
        new("firstSeenDate", FieldKind.Date, s => s.View.FirstSeenAt?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new("lastSeenDate", FieldKind.Date, s => s.View.LastSeenAt?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
    }.Concat(ScoreFields()).ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The fields read from the user's scores (<see cref="UserSnapshot.Score"/>): a snapshot without them cannot judge these.</summary>
    public static IReadOnlySet<string> ScoreFieldNames { get; } = ScoreFields().Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

    private static AudienceField[] ScoreFields() =>
    [
        new("propensity", FieldKind.Number, s => s.Score?.Propensity),
        new("expectedSpend", FieldKind.Number, s => s.Score?.ExpectedSpend),
        new("churnRisk", FieldKind.Number, s => s.Score?.ChurnRisk),
        new("persona", FieldKind.Number, s => s.Score?.Persona),
    ];

    /// <summary>How many of the strongest categories and brands count as "top".</summary>
    public const int TopKeys = 5;

    public static IReadOnlyCollection<string> FixedNames => Fixed.Keys;

    public static IReadOnlyList<string> CounterWindows { get; } = ["total", "last7Days", "last30Days"];

    public static AudienceField? Find(string name)
    {
        if (Fixed.TryGetValue(name, out var field))
        {
            return field;
        }

        if (AttributeField().Match(name) is { Success: true } attribute)
        {
            var attributeName = attribute.Groups[1].Value;
            return new AudienceField(name, FieldKind.Attribute, s => s.Attributes?.Attributes.FirstOrDefault(a => a.Name == attributeName) switch
            {
                null => null,
                { Number: { } number } => number,
                { Text: var text } => text,
            });
        }

        if (CounterField().Match(name) is { Success: true } counter && EventTypeNames.TryParse(counter.Groups[1].Value, out var type))
        {
            var window = counter.Groups[2].Value;
            return new AudienceField(name, FieldKind.Number, s => s.View.Counters.First(c => c.Type == type) switch
            {
                var c when window == "total" => c.Total,
                var c when window == "last7Days" => c.Last7Days,
                var c => c.Last30Days,
            });
        }

        return null;
    }

    [GeneratedRegex("^attribute\\.([a-z][a-z0-9_]{0,39})$", RegexOptions.CultureInvariant)]
    private static partial Regex AttributeField();

    [GeneratedRegex("^counter\\.([A-Z_]+)\\.(total|last7Days|last30Days)$", RegexOptions.CultureInvariant)]
    private static partial Regex CounterField();
}
