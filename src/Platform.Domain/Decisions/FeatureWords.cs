using System.Globalization;
using Platform.Domain.Modeling;

namespace Platform.Domain.Decisions;

/// <summary>Model features in plain words, for the reasons that come with a recommendation.</summary>
public static class FeatureWords
{
    private static readonly Dictionary<string, string> Profile = new(StringComparer.Ordinal)
    {
        ["purchases"] = "purchases so far",
        ["revenue"] = "spend so far",
        ["recency_days"] = "days since the last purchase",
        ["frequency_90"] = "purchases in the last 90 days",
        ["monetary_90"] = "spend in the last 90 days",
        ["discount_sensitivity"] = "share of purchases made with a discount",
        ["views_30"] = "product views in the last 30 days",
        ["clicks_30"] = "clicks in the last 30 days",
        ["carts_30"] = "cart additions in the last 30 days",
        ["purchases_30"] = "purchases in the last 30 days",
        ["engagement_seconds"] = "seconds spent on campaigns",
        ["days_known"] = "days since first seen",
        ["signup_year"] = "sign-up year",
    };

    /// <summary>E.g. "days since the last purchase: 3", "interest in category shoes: 35%", "tagged vip".</summary>
    public static string Describe(string name, FeatureValue value)
    {
        if (name.StartsWith(FeatureSchema.TagPrefix, StringComparison.Ordinal))
        {
            return $"tagged {name[FeatureSchema.TagPrefix.Length..]}";
        }

        if (name.StartsWith(FeatureSchema.AffinityPrefix, StringComparison.Ordinal))
        {
            return string.Create(CultureInfo.InvariantCulture, $"interest in category {name[FeatureSchema.AffinityPrefix.Length..]}: {(value.Number ?? 0) * 100:0}%");
        }

        if (name is "recency_days" or "discount_sensitivity" && value.Number is < 0)
        {
            return "no purchase yet";
        }

        var shown = value.Number is { } number
            ? (name == "discount_sensitivity" ? string.Create(CultureInfo.InvariantCulture, $"{number * 100:0}%") : number.ToString("0.##", CultureInfo.InvariantCulture))
            : value.Text ?? "missing";
        return $"{Profile.GetValueOrDefault(name, name)}: {shown}";
    }

    /// <summary>
    /// One reason: what the feature is, and how much it moves the objective compared with an average shopper (the
    /// feature set to the training average, the rest unchanged).
    /// </summary>
    public static string Reason(string name, FeatureValue value, double change, Objective objective) =>
        $"{Describe(name, value)}: {(change >= 0 ? "raises" : "lowers")} the expected {Noun(objective)} by {Amount(change, objective)} compared with an average shopper.";

    // Chances in percentage points, money as it is.
    private static string Amount(double change, Objective objective) =>
        objective is Objective.IncrementalConversions or Objective.Participation
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Abs(change) * 100:0.##} points")
            : Math.Abs(change).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A driver of a forecast: what the feature is, and how much the audience's values of it move the objective per user on average.</summary>
    public static string Driver(string name, double change, Objective objective) =>
        $"{Name(name)}: the audience's values {(change >= 0 ? "raise" : "lower")} the expected {Noun(objective)} per shopper by {Amount(change, objective)} on average, compared with average shoppers.";

    /// <summary>The feature's name in words, without a value.</summary>
    public static string Name(string name) =>
        name.StartsWith(FeatureSchema.TagPrefix, StringComparison.Ordinal) ? $"the tag {name[FeatureSchema.TagPrefix.Length..]}"
        : name.StartsWith(FeatureSchema.AffinityPrefix, StringComparison.Ordinal) ? $"interest in category {name[FeatureSchema.AffinityPrefix.Length..]}"
        : Profile.GetValueOrDefault(name, name);

    public static string Noun(Objective objective) => objective switch
    {
        Objective.IncrementalRevenue => "incremental revenue",
        Objective.IncrementalConversions => "chance the offer adds a purchase",
        Objective.Participation => "chance to take part",
        _ => "incremental margin",
    };
}
